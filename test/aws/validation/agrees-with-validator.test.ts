import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationValidatePlugin, type IPolicyValidationContext } from 'aws-cdk-lib';
import fc from 'fast-check';
import { synthAws } from '../../../lib/aws/synth-aws';
import { proveValid } from '../../../lib/aws/validation/prove-valid';
import { specText, validSpec } from '../../support/arbitraries';
import { emittedTemplates } from '../../support/aws-templates';
import { modelFromText } from '../../support/fixtures';
import { templateMutations } from '../../support/template-mutations';

/*
 * The proof of validity replaces aws-cdk-lib's CloudFormation validator only where it holds, so
 * it must never prove a template the validator finds anything in. These tests run the validator
 * itself, configured exactly as aws-cdk-lib runs it, on every template the proof admits among
 * thousands of small changes of the templates this tool emits.
 */
const validator = new CloudFormationValidatePlugin();
const file = join(mkdtempSync(join(tmpdir(), 'alien-trust-validator-')), 'template.json');

/** The validator's findings, errors and warnings alike, as aws-cdk-lib reports them. */
function findings(template: unknown): string[] {
  writeFileSync(file, JSON.stringify(template));
  const context = {
    templatePaths: [file],
    stackTemplates: [{ stackConstructPath: 'Stack', templatePath: file }],
  } as unknown as IPolicyValidationContext;
  return validator.validate(context).violations.map((v) => `${v.severity} ${v.ruleName}: ${v.description}`);
}

const templates = emittedTemplates();

/** The template with only the first two statements of each policy. */
function firstStatements(template: any): object {
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
function compare(template: unknown, stride = 1, every = 1): { wrong: string[]; proven: number; unproven: number } {
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

describe('a template proven valid is one the CloudFormation validator accepts', () => {
  test.each(Object.keys(templates))('every template emitted (%s) is proven valid, and the validator finds nothing in it', (name) => {
    expect(proveValid(templates[name])).toBeUndefined();
    expect(findings(templates[name])).toEqual([]);
  });

  test('every 3rd proven change of the registration template, policies cut to their first statements, draws no finding', () => {
    // What this template adds to the others is the custom resource and its DependsOn; the
    // policies are the aws-only template's, swept in full below.
    const { wrong, proven } = compare(firstStatements(templates.registration), 3);
    expect(wrong).toEqual([]);
    expect(proven).toBeGreaterThan(60);
  });

  test.each(['fixture aws-only', 'fixture oidc'])(
    'every change of the %s template (policies cut to their first statements) that is proven valid draws no finding',
    (name) => {
      // Statements past the first two of a policy are changed the same ways as the first two:
      // cut, the sweep keeps every kind of change, trust and parameters whole, in a quarter of the time.
      const { wrong, proven, unproven } = compare(firstStatements(templates[name]));
      expect(wrong).toEqual([]);
      // Both sides are exercised: many changes keep the template provable, more do not.
      expect(proven).toBeGreaterThan(500);
      expect(unproven).toBeGreaterThan(2000);
    },
  );

  test('every 24th change of the whole-catalog template, when proven valid, draws no finding', () => {
    // The changes reach the first two statements of each policy, so the others are cut: the
    // validator then takes 4 ms a run instead of 25. Every kind of change is swept in full on
    // the fixtures above; this template adds its size (the whole catalog's statements, a role
    // and policies per workload identity), so a sample of its changes is proven and validated.
    const { wrong, proven } = compare(firstStatements(templates['whole catalog']), 1, 24);
    expect(wrong).toEqual([]);
    expect(proven).toBeGreaterThan(60);
  });

  test('two changes at once, when proven valid, draw no finding either', () => {
    const template = templates['fixture oidc'];
    const provenOnce = [...templateMutations(template)].filter((m) => proveValid(m.template) === undefined);
    let provenTwice = 0;
    fc.assert(
      fc.property(fc.nat(provenOnce.length - 1), fc.nat(20000), (i, j) => {
        const first = provenOnce[i];
        const seconds = templateMutations(first.template);
        let second = seconds.next();
        for (let k = 0; k < j % 3000 && !second.done; k++) second = seconds.next();
        if (second.done || proveValid(second.value.template) !== undefined) return;
        provenTwice++;
        expect({ change: `${first.what}, then ${second.value.what}`, findings: findings(second.value.template) }).toEqual({
          change: `${first.what}, then ${second.value.what}`,
          findings: [],
        });
      }),
      { numRuns: 200 },
    );
    // Most second changes leave the proven shape; enough stay in it to mean something.
    expect(provenTwice).toBeGreaterThan(20);
  });

  test('the AWS template of any valid spec, in either trust form, is proven valid, and the validator finds nothing in it', () => {
    // Generated specs: catalog subsets, inline sets drawn from the real action lists, odd names,
    // and the OIDC form with generated issuers, audiences and subject prefixes.
    const oidc = fc.option(
      fc.record({
        issuer: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}\.[a-z]{2,6}(\/[a-z0-9-]{1,10}){0,2}$/).map((host) => `https://${host}`),
        audience: fc.stringMatching(/^[\w.:/-]{1,100}$/),
        subjectPrefix: fc.stringMatching(/^[A-Za-z0-9:/._@#|=+-]{0,40}[:/|#@=.]$/),
      }),
    );
    fc.assert(
      fc.property(validSpec, oidc, (spec, identity) => {
        const managingIdentity = identity ? { oidc: identity } : spec.managingIdentity;
        const template = synthAws(modelFromText(specText({ ...spec, managingIdentity, clouds: ['aws'] }), ['aws']));
        expect(proveValid(template)).toBeUndefined();
        expect(findings(template)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
