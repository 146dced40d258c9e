import {
  AWS_LONGEST_REGION,
  AZURE_ROLE_NAME_PARTS,
  awsPolicyName,
  awsProductTag,
  awsRoleName,
  azureRoleDescription,
  azureRoleName,
  gcpRoleId,
  gcpRoleTitle,
  GCP_ROLE_SUFFIX_BYTES,
  awsStackName,
  azureIdentityName,
  gcpServiceAccountId,
  NAME_LIMITS,
  RESOURCE_PREFIX,
  awsWorkloadPolicyName,
  awsWorkloadRoleName,
  azureWorkloadIdentityName,
  WORKLOAD_IDENTITY_NAME,
} from '../../lib/core/names';
import { AWS_LIMITS } from '../../lib/aws/permission-policies';
import { MAX_PERMISSION_SET_ID_LENGTH } from '../../lib/catalog/permission-set-schema';

const prefixRule = new RegExp(RESOURCE_PREFIX.pattern);
const longestPrefix = `a${'b1'.repeat(11)}z`; // 24 characters
const longestSetId = `${'f'.repeat(12)}/${'l-'.repeat(9)}l`; // 32 characters

describe('the resource prefix rule', () => {
  test('accepts the longest prefix and refuses one character more', () => {
    expect(longestPrefix).toHaveLength(RESOURCE_PREFIX.maxLength);
    expect(prefixRule.test(longestPrefix)).toBe(true);
    expect(prefixRule.test(`${longestPrefix}x`)).toBe(false);
  });

  test.each(['', '1abc', 'abc-', 'Abc', 'a_b', 'a.b', 'a b', 'acme-prod', 'x1-2-3'])('refuses %p', (prefix) => {
    expect(prefixRule.test(prefix)).toBe(false);
  });

  test.each(['a', 'ab', 'acmeprod', 'x123'])('accepts %p', (prefix) => {
    expect(prefixRule.test(prefix)).toBe(true);
  });
});

describe('derived names at the longest prefix', () => {
  const longestSpecName = `n${'a'.repeat(28)}z`;

  test('AWS role and policy names fit at the longest prefix, spec name and region', () => {
    const tag = awsProductTag(longestSpecName);
    expect(awsRoleName(longestPrefix, tag, AWS_LONGEST_REGION)).toHaveLength(NAME_LIMITS.awsRoleName);
    expect(awsPolicyName(longestPrefix, tag, AWS_LONGEST_REGION, AWS_LIMITS.policiesPerRole).length).toBeLessThanOrEqual(
      NAME_LIMITS.awsPolicyName,
    );
  });

  test('AWS names tell apart regions, products and prefixes of one account', () => {
    const names = new Set(
      ['acme', 'acmeprod'].flatMap((prefix) =>
        ['alien-app', 'billing', longestSpecName, `${longestSpecName.slice(0, -1)}y`].flatMap((spec) =>
          ['eu-west-1', 'us-east-1'].map((region) => awsRoleName(prefix, awsProductTag(spec), region)),
        ),
      ),
    );
    expect(names.size).toBe(16);
  });

  test('the AWS product tag is the spec name while it fits, and its start and a hash after that', () => {
    expect(awsProductTag('alien-app')).toBe('alien-app');
    expect(awsProductTag(longestSpecName)).toMatch(/^naaaaaaaaaaaaaaa-[0-9a-f]{6}$/);
  });

  test('the GCP service account id fits 6–30 characters of its alphabet, for every prefix length and the longest and shortest names', () => {
    const { min, max, pattern } = NAME_LIMITS.gcpServiceAccountId;
    for (const name of ['abc', 'alien-app', longestSpecName]) {
      for (let length = 1; length <= RESOURCE_PREFIX.maxLength; length++) {
        const id = gcpServiceAccountId(`a${'b'.repeat(length - 1)}`, name);
        expect(id.length).toBeGreaterThanOrEqual(min);
        expect(id.length).toBeLessThanOrEqual(max);
        expect(id).toMatch(pattern);
      }
    }
  });

  test('two products of one customer with the same prefix get two GCP accounts, Azure identities and stacks', () => {
    for (const prefix of ['acme', longestPrefix]) {
      expect(gcpServiceAccountId(prefix, 'alien-app')).not.toBe(gcpServiceAccountId(prefix, 'alien-app-oidc'));
      expect(azureIdentityName(prefix, 'alien-app')).not.toBe(azureIdentityName(prefix, 'alien-app-oidc'));
      expect(awsStackName(prefix, 'alien-app')).not.toBe(awsStackName(prefix, 'alien-app-oidc'));
    }
    expect(gcpServiceAccountId('acme', 'alien-app')).toBe('acme-alien-app');
    expect(gcpServiceAccountId(longestPrefix, 'alien-app')).toMatch(new RegExp(`^${longestPrefix}-[0-9a-f]{5}$`));
  });

  test('GCP custom role ids fit 64 characters with the longest set id, and titles 100', () => {
    const suffix = 'f'.repeat(2 * GCP_ROLE_SUFFIX_BYTES);
    const id = gcpRoleId(longestPrefix.replace(/-/g, '_'), suffix, longestSetId);
    expect(id).toMatch(NAME_LIMITS.gcpRoleId.pattern);
    expect(id).toHaveLength(NAME_LIMITS.gcpRoleId.max);
    expect(gcpRoleId(longestPrefix.replace(/-/g, '_'), suffix, `${longestSetId}x`).length).toBeGreaterThan(NAME_LIMITS.gcpRoleId.max);
    expect(gcpRoleTitle(longestPrefix, longestSetId).length).toBeLessThanOrEqual(NAME_LIMITS.gcpRoleTitle);
    expect(longestSetId).toHaveLength(MAX_PERMISSION_SET_ID_LENGTH);
  });

  test('GCP role ids of two sets never collide', () => {
    expect(gcpRoleId('p', 'abc123', 'a-b/c')).not.toBe(gcpRoleId('p', 'abc123', 'a/b-c'));
  });

  test('the Azure identity name fits its rule', () => {
    const { max, pattern } = NAME_LIMITS.azureIdentityName;
    expect(azureIdentityName(longestPrefix, longestSpecName).length).toBeLessThanOrEqual(max);
    expect(azureIdentityName('a', 'abc')).toMatch(pattern);
  });

  test('the Azure role name carries the prefix, the resource group and the hash that makes it unique', () => {
    expect(azureRoleName('acme', 'rg-prod', '0a1b2c3d')).toBe('Alien acme in rg-prod #0a1b2c3d');
  });
});

describe('the Azure role', () => {
  const longestGroup = 'g'.repeat(NAME_LIMITS.azureResourceGroup);

  test('name fits with the longest prefix and resource group', () => {
    const { groupCharacters, hashCharacters } = AZURE_ROLE_NAME_PARTS;
    expect(azureRoleName(longestPrefix, longestGroup.slice(0, groupCharacters), 'h'.repeat(hashCharacters)).length).toBeLessThanOrEqual(
      NAME_LIMITS.azureRoleName,
    );
  });

  test('description lists the sets while they fit 1,024 characters, and counts them past that', () => {
    const head = 'Lets app act in this resource group with: ';
    const fitting = ['x'.repeat(NAME_LIMITS.azureRoleDescription - head.length)];
    expect(azureRoleDescription('app', fitting)).toBe(`${head}${fitting[0]}`);
    expect(azureRoleDescription('app', fitting).length).toBe(NAME_LIMITS.azureRoleDescription);
    const over = [`${fitting[0]}x`];
    expect(azureRoleDescription('app', over)).toBe('Lets app act in this resource group with 1 permission sets; see PERMISSIONS.md');
  });
});

describe('the workload identities', () => {
  const longestName = 'a'.repeat(WORKLOAD_IDENTITY_NAME.maxLength);

  test('<prefix>-<name> is exactly as long as an IAM role name may be, at the longest prefix and name', () => {
    expect(awsWorkloadRoleName(longestPrefix, longestName).length).toBe(NAME_LIMITS.awsRoleName);
    expect(awsWorkloadRoleName(longestPrefix, longestName).length).toBeLessThanOrEqual(NAME_LIMITS.awsInstanceProfileName);
  });

  test('their Azure identities hold Azure names, and their policies IAM policy names', () => {
    expect(azureWorkloadIdentityName(longestPrefix, longestName)).toMatch(NAME_LIMITS.azureIdentityName.pattern);
    expect(azureWorkloadIdentityName('a', 'b')).toMatch(NAME_LIMITS.azureIdentityName.pattern);
    const policy = awsWorkloadPolicyName(longestPrefix, awsProductTag('a'.repeat(30)), AWS_LONGEST_REGION, 10);
    expect(policy.length).toBeLessThanOrEqual(NAME_LIMITS.awsPolicyName);
  });

  test('their GCP service account ids hold 6 to 30 characters at every prefix length', () => {
    for (let length = 1; length <= RESOURCE_PREFIX.maxLength; length++) {
      for (const name of ['a', 'api', longestName]) {
        const id = gcpServiceAccountId('p'.repeat(length), name);
        expect([length, name, NAME_LIMITS.gcpServiceAccountId.pattern.test(id) && id.length >= 6 && id.length <= 30]).toEqual([
          length,
          name,
          true,
        ]);
      }
    }
  });
});
