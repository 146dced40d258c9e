import fc from 'fast-check';
import { synthAws } from '../../../lib/aws/synth-aws';
import { proveValid } from '../../../lib/aws/validation/prove-valid';
import { specText, validSpec } from '../../support/arbitraries';
import { emittedTemplates } from '../../support/aws-templates';
import { modelFromText } from '../../support/fixtures';
import { templateMutations } from '../../support/template-mutations';
import { compare, expectProvenChangesAccepted, findings, firstStatements } from '../../support/validator-sweep';

/*
 * The proof of validity replaces aws-cdk-lib's CloudFormation validator only where it holds, so
 * it must never prove a template the validator finds anything in. These tests run the validator
 * itself, configured exactly as aws-cdk-lib runs it, on every template the proof admits among
 * thousands of small changes of the templates this tool emits.
 *
 * The tests are in two files, this one and agrees-with-validator.test.ts (every emitted
 * template, the registration and aws-only fixtures' changes), so that
 * the two Jest workers share them (together they took 42 s, the longest suite of the run).
 */

const templates = emittedTemplates();

describe('a template proven valid is one the CloudFormation validator accepts', () => {
  test.each(['fixture oidc'])(
    'every change of the %s template (policies cut to their first statements) that is proven valid draws no finding',
    (name) => {
      expectProvenChangesAccepted(templates[name]);
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
