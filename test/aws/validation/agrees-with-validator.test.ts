import { proveValid } from '../../../lib/aws/validation/prove-valid';
import { emittedTemplates } from '../../support/aws-templates';
import { compare, expectProvenChangesAccepted, findings, firstStatements } from '../../support/validator-sweep';

/*
 * The proof of validity replaces aws-cdk-lib's CloudFormation validator only where it holds, so
 * it must never prove a template the validator finds anything in. These tests run the validator
 * itself, configured exactly as aws-cdk-lib runs it, on every template the proof admits among
 * thousands of small changes of the templates this tool emits.
 *
 * The tests are in two files, this one and agrees-with-validator-changes.test.ts (the OIDC
 * fixture's changes, the whole catalog, two changes at once, generated specs), so that
 * the two Jest workers share them (together they took 42 s, the longest suite of the run).
 */

const templates = emittedTemplates();

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

  test.each(['fixture aws-only'])(
    'every change of the %s template (policies cut to their first statements) that is proven valid draws no finding',
    (name) => {
      expectProvenChangesAccepted(templates[name]);
    },
  );
});
