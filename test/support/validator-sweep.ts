import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationValidatePlugin, type IPolicyValidationContext } from 'aws-cdk-lib';
import { proveValid } from '../../lib/aws/validation/prove-valid';
import { templateMutations } from './template-mutations';

/*
 * aws-cdk-lib's CloudFormation validator, run on the templates of the agrees-with-validator
 * suites (test/aws/validation/agrees-with-validator*.test.ts), configured exactly as aws-cdk-lib
 * runs it.
 */

const file = join(mkdtempSync(join(tmpdir(), 'alien-trust-validator-')), 'template.json');

const validator = new CloudFormationValidatePlugin();

/** The validator's findings, errors and warnings alike, as aws-cdk-lib reports them. */
export function findings(template: unknown): string[] {
  writeFileSync(file, JSON.stringify(template));
  const context = {
    templatePaths: [file],
    stackTemplates: [{ stackConstructPath: 'Stack', templatePath: file }],
  } as unknown as IPolicyValidationContext;
  return validator.validate(context).violations.map((v) => `${v.severity} ${v.ruleName}: ${v.description}`);
}

/** The template with only the first two statements of each policy. */
export function firstStatements(template: any): object {
  const resources = Object.entries<any>(template.Resources).map(([id, resource]) => {
    const key = resource.Properties.PolicyDocument ? 'PolicyDocument' : 'AssumeRolePolicyDocument';
    const document = resource.Properties[key];
    if (!document) return [id, resource]; // the registration custom resource holds no policy
    return [id, { ...resource, Properties: { ...resource.Properties, [key]: { ...document, Statement: document.Statement.slice(0, 2) } } }];
  });
  return { ...template, Resources: Object.fromEntries(resources) };
}

/**
 * Runs the validator on every `stride`-th proven change; returns what it found and the counts.
 * `every` first keeps only every `every`-th change at all, for a template so large that proving
 * each change is what takes the time.
 */
export function compare(template: unknown, stride = 1, every = 1): { wrong: string[]; proven: number; unproven: number } {
  const wrong: string[] = [];
  let proven = 0;
  let unproven = 0;
  let index = 0;
  for (const mutation of templateMutations(template)) {
    if (index++ % every !== 0) continue;
    if (proveValid(mutation.template) !== undefined) {
      unproven++;
      continue;
    }
    if (proven++ % stride !== 0) continue;
    const found = findings(mutation.template);
    if (found.length > 0) wrong.push(`${mutation.what} → ${found.join(' | ')}`);
  }
  return { wrong, proven, unproven };
}

/**
 * Every change of a template, its policies cut to their first statements, that is proven valid
 * draws no finding from the validator. Statements past the first two of a policy are changed the
 * same ways as the first two: cut, the sweep keeps every kind of change, trust and parameters
 * whole, in a quarter of the time.
 */
export function expectProvenChangesAccepted(template: unknown): void {
  const { wrong, proven, unproven } = compare(firstStatements(template));
  expect(wrong).toEqual([]);
  // Both sides are exercised: many changes keep the template provable, more do not.
  expect(proven).toBeGreaterThan(500);
  expect(unproven).toBeGreaterThan(2000);
}
