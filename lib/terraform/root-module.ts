import { TerraformHclModule, TerraformOutput, TerraformVariable, type TerraformStack } from 'cdktf';

/** Where the root finds the module: beside it, in the same release folder. */
export const MODULE_SOURCE = './module';

/** The parts of a synthesized module the root passes through. */
export interface ModuleInterface {
  readonly variable?: Record<string, { type?: string; description?: string; default?: unknown }>;
  readonly output?: Record<string, { description?: string }>;
  readonly resource?: Record<string, Record<string, unknown>>;
}

/**
 * Releases before 1.1.1 held the resources in the root itself. A `moved` block per resource
 * tells Terraform that state at the old address is the module's resource now, so an upgrade
 * updates in place instead of destroying the trust and creating it again. Moves whose old
 * address is not in state are ignored, so a fresh apply is unaffected.
 */
function movedIntoModule(module: ModuleInterface, call: string): { from: string; to: string }[] {
  return Object.entries(module.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => ({ from: `${type}.${name}`, to: `module.${call}.${type}.${name}` })),
  );
}

/**
 * Makes `stack` a root that calls the module at `./module` with every one of its variables and
 * re-exports every one of its outputs, read from the module's own JSON so that the two cannot
 * drift. Validation stays in the module, where Terraform runs it for every caller.
 * Returns the root's variables by name, for the provider configuration.
 */
export function callModule(stack: TerraformStack, module: ModuleInterface): Record<string, TerraformVariable> {
  const variables = Object.fromEntries(
    // The default too: a root variable without the module's default would make an optional
    // input required, and `terraform apply -input=false` fails on it before any plan.
    Object.entries(module.variable ?? {}).map(([name, spec]) => [
      name,
      new TerraformVariable(stack, name, { type: spec.type, description: spec.description, default: spec.default }),
    ]),
  );
  const call = new TerraformHclModule(stack, 'alien', {
    source: MODULE_SOURCE,
    // The module is written beside the root by this tool, not copied in as a cdktf asset.
    skipAssetCreationFromLocalModules: true,
    variables: Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, v.value])),
  });
  for (const [name, spec] of Object.entries(module.output ?? {})) {
    new TerraformOutput(stack, name, { value: call.get(name), description: spec.description });
  }
  stack.addOverride('moved', movedIntoModule(module, call.friendlyUniqueId));
  return variables;
}
