import { AWS_FORMS } from '../../lib/aws/forms';
import type { AwsTrustForm } from '../../lib/aws/forms/aws-trust-form';
import { AZURE_FORMS } from '../../lib/azure/forms';
import type { AzureTrustForm } from '../../lib/azure/forms/azure-trust-form';
import { GCP_FORMS } from '../../lib/gcp/forms';
import type { GcpForms, GcpTrustForm } from '../../lib/gcp/forms/gcp-trust-form';
import type { AwsTrust, AzureTrust, GcpTrust } from '../../lib/model/trust-model';

/**
 * What the compiler holds a trust form to, checked by `tsc --noEmit` in `npm run lint` (CI runs
 * it): each `@ts-expect-error` below fails the type check the day its line compiles, and the
 * optional-parts checks fail it the day a part becomes optional.
 */

/** The keys of T a value may leave out. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

// Every part of every cloud's form is required: none can be forgotten.
const awsPartsRequired: [OptionalKeys<AwsTrustForm<AwsTrust>>] extends [never] ? true : false = true;
const gcpPartsRequired: [OptionalKeys<GcpTrustForm<GcpTrust>>] extends [never] ? true : false = true;
const azurePartsRequired: [OptionalKeys<AzureTrustForm<AzureTrust>>] extends [never] ? true : false = true;

// A table without one of the union's forms does not compile.
// @ts-expect-error -- 'oidc' is missing
const withoutOidc: GcpForms = { pinned: GCP_FORMS.pinned, 'per-customer': GCP_FORMS['per-customer'] };

// A form without its revocation step does not compile.
const { vendorGrant: _dropped, ...withoutRevocation } = GCP_FORMS.oidc;
// @ts-expect-error -- 'vendorGrant' is missing
const formWithoutRevocation: GcpTrustForm<Extract<GcpTrust, { kind: 'oidc' }>> = withoutRevocation;

// A form filed under another kind does not compile.
// @ts-expect-error -- the pinned form's kind is not 'oidc'
const misfiled: GcpForms = { ...GCP_FORMS, oidc: GCP_FORMS.pinned };

describe('trust forms', () => {
  test('the type checks above are in force (their values exist at run time)', () => {
    expect([awsPartsRequired, gcpPartsRequired, azurePartsRequired]).toEqual([true, true, true]);
    expect(Object.keys(withoutOidc)).toEqual(['pinned', 'per-customer']);
    expect('vendorGrant' in formWithoutRevocation).toBe(false);
    expect(misfiled.oidc.kind).toBe('pinned');
  });

  test.each([
    ['aws', AWS_FORMS],
    ['gcp', GCP_FORMS],
    ['azure', AZURE_FORMS],
  ] as const)('%s: every form has the same parts, each filed under its own kind', (_cloud, forms) => {
    const entries = Object.entries(forms);
    const parts = Object.keys(entries[0][1]).sort();
    for (const [kind, form] of entries) {
      expect(form.kind).toBe(kind);
      expect(Object.keys(form).sort()).toEqual(parts);
    }
  });
});
