import { child, expect, expectKeys, NotProven } from './not-proven';
import { expectResourceProperties } from './resource-shapes';
import { declareConditions, declareParameters, entries, expectMetadata, expectOutputs } from './template-sections';
import { RESOURCE_ATTRIBUTES, type ResourceType, TemplateScope } from './template-scope';
import { ValueReader } from './value-reader';

const SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Conditions', 'Resources', 'Outputs'];

/**
 * Proves a template valid without aws-cdk-lib's CloudFormation validator, when it has the shape
 * this tool emits: the sections, resource types, properties, intrinsic functions and policy
 * grammar of a trust stack, with every reference declared, every declaration read, no cycle,
 * and every value within its schema's limits. Anything else is not proven, and the full
 * validator decides. The proof only ever admits: `test/aws/validation` runs the validator on
 * what it proves among thousands of changes of the emitted templates, and requires no finding.
 *
 * @returns undefined when proven, or the first thing that could not be proven.
 */
export function proveValid(template: unknown): string | undefined {
  try {
    expectTemplate(template);
    return undefined;
  } catch (e) {
    if (e instanceof NotProven) return e.message;
    throw e;
  }
}

function expectTemplate(template: unknown): void {
  expectKeys(template, '', SECTIONS, ['Resources']);
  if ('AWSTemplateFormatVersion' in template)
    expect(template.AWSTemplateFormatVersion === '2010-09-09', 'AWSTemplateFormatVersion', 'not 2010-09-09');
  if ('Description' in template) {
    const description = template.Description;
    expect(
      typeof description === 'string' && Buffer.byteLength(description) <= 1024 && !description.includes('${'),
      'Description',
      'not text of at most 1,024 bytes',
    );
  }
  const scope = new TemplateScope();
  if ('Parameters' in template) declareParameters(template.Parameters, scope);
  if ('Conditions' in template) declareConditions(template.Conditions, scope);
  const resources = entries(template.Resources, 'Resources', 500);
  expect(resources.length > 0, 'Resources', 'empty');
  for (const [id, resource] of resources) {
    const at = child('Resources', id);
    expect(!scope.parameters.has(id), at, 'also a parameter');
    expectKeys(resource, at, ['Type', 'Properties', 'Condition', 'DependsOn'], ['Type', 'Properties']);
    expect(typeof resource.Type === 'string' && resource.Type in RESOURCE_ATTRIBUTES, child(at, 'Type'), 'not a type this tool emits');
    let condition: string | undefined;
    if ('Condition' in resource) {
      expect(
        typeof resource.Condition === 'string' && scope.conditions.has(resource.Condition),
        child(at, 'Condition'),
        'not a declared condition',
      );
      condition = resource.Condition;
      scope.read.add(condition);
    }
    scope.resources.set(id, { type: resource.Type as ResourceType, condition });
  }
  for (const [id, resource] of resources) {
    const { type } = scope.resources.get(id)!;
    expectResourceProperties(
      type,
      (resource as Record<string, unknown>).Properties,
      child(child('Resources', id), 'Properties'),
      ValueReader.of(scope, id),
    );
  }
  // After the properties, whose references DependsOn must not repeat.
  for (const [id, resource] of resources) {
    if ('DependsOn' in (resource as object)) expectDependsOn(id, (resource as Record<string, unknown>).DependsOn, scope);
  }
  if ('Outputs' in template) expectOutputs(template.Outputs, scope);
  if ('Metadata' in template) expectMetadata(template.Metadata, scope);
  scope.expectAcyclic();
  // The validator warns of a parameter or condition nothing reads.
  for (const id of [...scope.parameters.keys(), ...scope.conditions]) expect(scope.read.has(id), id, 'declared but never read');
}

/**
 * DependsOn as this tool writes it: a list of distinct other resources, each existing whenever
 * this one does, none already read by it (the validator warns of a DependsOn a reference
 * already enforces). Each counts for the cycle check.
 */
function expectDependsOn(id: string, dependsOn: unknown, scope: TemplateScope): void {
  const at = child(child('Resources', id), 'DependsOn');
  expect(
    Array.isArray(dependsOn) && dependsOn.length > 0 && new Set(dependsOn).size === dependsOn.length,
    at,
    'not a non-empty list of distinct resources',
  );
  const condition = scope.resources.get(id)!.condition;
  const reads = scope.dependencies.get(id) ?? new Set<string>();
  for (const target of dependsOn) {
    expect(typeof target === 'string' && target !== id && scope.resources.has(target), at, `${String(target)} is not another resource`);
    const declared = scope.resources.get(target)!;
    expect(
      declared.condition === undefined || declared.condition === condition,
      at,
      `${target} exists only under condition ${declared.condition}`,
    );
  }
  for (const target of dependsOn as string[]) {
    expect(!reads.has(target), at, `${target} is already read by ${id}, which orders it`);
  }
  for (const target of dependsOn as string[]) reads.add(target);
  scope.dependencies.set(id, reads);
}
