import { builtInCatalog } from '../../lib/catalog/catalog';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCustomSets, loadCheckedSpec, loadSpec, parseSpec } from '../../lib/input/load-spec';
import { GCP_MAX_ROLE_PERMISSIONS } from '../../lib/catalog/permission-set-schema';
import { SpecError } from '../../lib/core/spec-error';
import { fixturePath, VALID_SPEC } from '../support/fixtures';

const ids = builtInCatalog().ids;

/** The formatted problems for a spec text, or [] when it is valid. */
function problems(text: string): string[] {
  try {
    parseSpec(text, 'spec.yaml', ids);
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.message.split('\n');
  }
}

describe('parseSpec', () => {
  test('accepts the example spec and fills in defaults', () => {
    const { spec } = parseSpec(VALID_SPEC, 'spec.yaml', ids);
    expect(spec.clouds).toEqual(['aws', 'gcp', 'azure']);
    expect(spec.aws.maxSessionDuration).toBe(3600);
    expect(spec.managingIdentity.azure?.audience).toBe('api://AzureADTokenExchange');
    expect(spec.customPermissionSets).toEqual([]);
  });

  test('accepts every fixture', () => {
    for (const name of ['full', 'aws-only', 'custom-sets']) expect(() => loadSpec(fixturePath(name), ids)).not.toThrow();
  });

  test('names the file, line, column and field of a bad role ARN', () => {
    const text = VALID_SPEC.replace('arn:aws:iam::210987654321:role/alien-control', 'arn:aws:iam::2109:role/x');
    expect(problems(text)).toEqual([
      expect.stringMatching(/^spec\.yaml:5:14: managingIdentity\.aws\.roleArn: an IAM role ARN: arn:aws:iam::/),
    ]);
  });

  test.each(['aws-us-gov', 'aws-cn'])('refuses a managing role in the %s partition, which the templates cannot serve', (partition) => {
    const text = VALID_SPEC.replace('arn:aws:iam::210987654321', `arn:${partition}:iam::210987654321`);
    expect(problems(text)).toEqual([
      `spec.yaml:5:14: managingIdentity.aws.roleArn: the ${partition} partition is not supported: a role can be trusted only from its own partition, and these templates are for the aws partition; use a role ARN that starts with arn:aws:`,
    ]);
  });

  test('refuses an unknown field at the position of its key', () => {
    expect(problems(`${VALID_SPEC}permisions: [logs/read]\n`)).toEqual([
      'spec.yaml:12:1: permisions: unknown field (did you mean "permissions"?)',
    ]);
    expect(problems(`${VALID_SPEC}colour: blue\n`)).toEqual(['spec.yaml:12:1: colour: unknown field (check the spelling)']);
  });

  test('says in plain words what a value must be, with the fix for a number that should be text', () => {
    expect(problems(`${VALID_SPEC}description: 555566667777\n`)).toEqual([
      'spec.yaml:12:14: description: must be text, not a number; put it in quotes: "555566667777"',
    ]);
    // Quotes alone would not do: say what the text must still be.
    expect(problems(VALID_SPEC.replace('roleArn: arn:aws:iam::210987654321:role/alien-control', 'roleArn: 555566667777'))).toEqual([
      'spec.yaml:5:14: managingIdentity.aws.roleArn: must be text, not a number; in quotes, "555566667777" would still be wrong: an IAM role ARN: arn:aws:iam::<12 digits>:role/<path/><name>, e.g. arn:aws:iam::210987654321:role/alien-control-plane',
    ]);
    expect(problems(VALID_SPEC.replace('permissions: [logs/read]', 'permissions: logs/read'))).toEqual([
      'spec.yaml:11:14: permissions: must be a list, not text',
    ]);
    expect(problems(VALID_SPEC.replace('permissions: [logs/read]\n', ''))).toEqual([
      'spec.yaml:1:1: permissions: required: list the permission sets to grant, or describe the application in stack',
    ]);
  });

  test.each([
    ['1.0', '1.0.0', ' (YAML reads 1.0 as 1)'],
    ['2', '2.0.0', ''],
    ['1.5', '1.5.0', ''],
    ['1.10', '1.10.0', ' (YAML reads 1.10 as 1.1)'],
  ])('version: %s, which YAML reads as a number, is told to write a quoted semantic version that is valid', (written, fix, read) => {
    const lines = problems(VALID_SPEC.replace('version: 1.2.3', `version: ${written}`));
    expect(lines).toEqual([
      `spec.yaml:2:10: version: must be text, not a number${read}; write "${fix}", in quotes: a semantic version such as 2.3.1`,
    ]);
    expect(problems(VALID_SPEC.replace('version: 1.2.3', `version: "${fix}"`))).toEqual([]);
  });

  test('says an empty file is empty, and what a spec holds', () => {
    for (const text of ['', '# only a comment\n', '---\n']) {
      expect(problems(text)).toEqual([
        expect.stringMatching(
          /^spec\.yaml:1:\d+: the file is empty; a spec is a YAML mapping with name, version, managingIdentity and permissions/,
        ),
      ]);
    }
  });

  test('reports every problem at once', () => {
    const text = VALID_SPEC.replace('name: acme-app', 'name: Acme').replace('version: 1.2.3', 'version: one');
    const lines = problems(text);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^spec\.yaml:1:7: name: /);
    expect(lines[1]).toMatch(/^spec\.yaml:2:10: version: a semantic version/);
  });

  test('requires a managing identity for every chosen cloud', () => {
    const text = VALID_SPEC.replace(/ {2}gcp:\n.*\n/, '');
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /^spec\.yaml:4:3: managingIdentity\.gcp: required because clouds includes gcp \(or give managingIdentity\.oidc\)$/,
      ),
    ]);
  });

  test('does not require identities for clouds the spec leaves out', () => {
    const text = VALID_SPEC.replace(/ {2}gcp:\n.*\n/, '').concat('clouds: [aws, azure]\n');
    expect(problems(text)).toEqual([]);
  });

  test('refuses an unknown permission set and a repeated one', () => {
    const lines = problems(VALID_SPEC.replace('permissions: [logs/read]', 'permissions: [logs/read, logs/raed, logs/read]'));
    expect(lines).toEqual([
      expect.stringMatching(/^spec\.yaml:11:26: permissions\[1\]: unknown permission set "logs\/raed"/),
      'spec.yaml:11:37: permissions[2]: "logs/read" is listed twice',
    ]);
  });

  test("refuses a session shorter than IAM allows a role's maximum to be", () => {
    expect(problems(`${VALID_SPEC}aws:\n  maxSessionDuration: 900\n`)).toEqual([
      expect.stringMatching(/^spec\.yaml:13:23: aws\.maxSessionDuration: whole seconds, 3600 to 43200/),
    ]);
  });

  test('refuses a session longer than IAM allows', () => {
    expect(problems(`${VALID_SPEC}aws:\n  maxSessionDuration: 43201\n`)).toEqual([
      expect.stringMatching(/^spec\.yaml:13:23: aws\.maxSessionDuration: whole seconds, 3600 to 43200/),
    ]);
  });

  test('refuses a non-https issuer', () => {
    expect(problems(VALID_SPEC.replace('https://oidc.alien.dev', 'http://oidc.alien.dev'))).toEqual([
      'spec.yaml:9:13: managingIdentity.azure.issuer: an https:// URL with no query, fragment or credentials',
    ]);
  });

  test('names the line of a YAML syntax error', () => {
    expect(problems(VALID_SPEC.replace('permissions: [logs/read]', 'permissions: [logs/read'))).toEqual([
      expect.stringMatching(/^spec\.yaml:12:1: YAML: /),
    ]);
  });

  test('refuses duplicate keys', () => {
    expect(problems(`${VALID_SPEC}name: other\n`)).toEqual([expect.stringMatching(/^spec\.yaml:12:1: YAML: Map keys must be unique/)]);
  });

  test('refuses alias bombs before expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    expect(problems(bomb.join('\n'))).toEqual([expect.stringMatching(/^spec\.yaml:1:1: YAML: .*aliases are limited to 100/)]);
  });

  test('names a missing file', () => {
    expect(() => loadSpec('does-not-exist.yaml', ids)).toThrow('does-not-exist.yaml:1:1: spec file not found');
  });
});

describe('custom permission sets', () => {
  const withSet = (set: string) => `${VALID_SPEC.replace('[logs/read]', '[app/custom]')}customPermissionSets:\n${set}`;
  const set = (aws: string) => `  - id: app/custom
    description: A custom set
    aws:
      - actions: [${aws}]
        resources: ["arn:\${partition}:s3:::\${prefix}-*"]
        conditions: { StringEquals: { s3:ResourceAccount: "\${account}" } }
    unsupported: { gcp: not needed, azure: not needed }
`;

  test('accepts a set whose other clouds are marked unsupported', () => {
    expect(problems(withSet(set('s3:ListBucket')))).toEqual([]);
  });

  test.each(['"*"', 's3:*', 's3:Get*'])('refuses the wildcard action %s', (action) => {
    expect(problems(withSet(set(action)))).toEqual([
      expect.stringMatching(/^spec\.yaml:16:19: customPermissionSets\[0\]\.aws\[0\]\.actions\[0\]: ".*" is a wildcard; list each action/),
    ]);
  });

  test('refuses an unknown variable and names the ones allowed', () => {
    const text = withSet(set('s3:ListBucket')).replace('${prefix}-*', '${project}-*');
    expect(problems(text)).toEqual([
      'spec.yaml:17:21: customPermissionSets[0].aws[0].resources[0]: unknown variable ${project}; aws allows ${prefix}, ${partition}, ${region}, ${account}',
    ]);
  });

  test('refuses a GCP role past 3,000 permissions, saying by how many', () => {
    const permissions = Array.from({ length: GCP_MAX_ROLE_PERMISSIONS + 1 }, (_, i) => `run.services.p${i}`).join(', ');
    const text = withSet(
      `  - id: app/custom\n    description: Too many.\n    gcp: { projectWide: Cloud Run ignores conditions., permissions: [${permissions}] }\n    unsupported: { aws: no, azure: no }\n`,
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /customPermissionSets\[0\]\.gcp\.permissions: 3001 entries, 1 too many: a GCP custom role holds at most 3000 permissions$/,
      ),
    ]);
  });

  test('refuses a set with no grants and no reason for a cloud', () => {
    const text = withSet(set('s3:ListBucket')).replace('gcp: not needed, ', '');
    expect(problems(text)).toEqual([
      expect.stringMatching(/^spec\.yaml:13:5: customPermissionSets\[0\]: no gcp grants; add "gcp:" or "unsupported/),
    ]);
  });

  test('refuses an id that a built-in set already has', () => {
    const text = withSet(set('s3:ListBucket')).replace(/app\/custom/g, 'logs/read');
    expect(problems(text)).toEqual([
      'spec.yaml:13:9: customPermissionSets[0].id: "logs/read" is a built-in permission set; choose another id',
    ]);
  });
});

describe('checkCustomSets', () => {
  const customSet = (action: string, resource: string) => `${VALID_SPEC.replace('[logs/read]', '[app/custom]')}customPermissionSets:
  - id: app/custom
    description: A custom set.
    aws:
      - actions: [${action}]
        resources: ["${resource}"]
        conditions: { StringEquals: { s3:ResourceAccount: "\${account}" } }
    unsupported: { gcp: not needed, azure: not needed }
`;
  const check = (text: string) => checkCustomSets(parseSpec(text, 'spec.yaml', ids));

  test("refuses an S3 statement not pinned to the customer's account: bucket names are global", () => {
    const text = customSet('s3:PutObject', 'arn:${partition}:s3:::${prefix}-*/*').replace(/\n {8}conditions: .*\n/, '\n');
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /customPermissionSets\[0\]\.aws\[0\]\.conditions: S3 bucket names are global; add StringEquals: \{ s3:ResourceAccount/,
      ),
    ]);
  });

  test('accepts real actions on resources of their type', async () => {
    await expect(check(customSet('s3:PutObject', 'arn:${partition}:s3:::${prefix}-*/*'))).resolves.toBeUndefined();
  });

  test('names the set, the action and its line for a misspelled action', async () => {
    await expect(check(customSet('s3:GetObjekt', 'arn:${partition}:s3:::${prefix}-*/*'))).rejects.toThrow(
      'spec.yaml:16:19: customPermissionSets[0].aws[0].actions[0]: app/custom: s3:GetObjekt is not an AWS action (did you mean "s3:GetObject"?)',
    );
  });

  test("a misspelled action in a contentRead set is named with its suggestion, in the same run as the spec's other problems, and not told to drop contentRead", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-typo-'));
    const file = join(dir, 'spec.yaml');
    const text = customSet('s3:GetObjct', 'arn:${partition}:s3:::${prefix}-*/*').replace(
      '    description: A custom set.\n',
      '    description: A custom set.\n    contentRead: true\n',
    );
    writeFileSync(file, text.replace('version: 1.2.3', 'version: 1.0'));
    const reported = await loadCheckedSpec(file, ids).then(
      () => [],
      (e: SpecError) => e.message.split('\n'),
    );
    expect(reported).toEqual([
      `${file}:2:10: version: must be text, not a number (YAML reads 1.0 as 1); write "1.0.0", in quotes: a semantic version such as 2.3.1`,
      `${file}:17:19: customPermissionSets[0].aws[0].actions[0]: app/custom: s3:GetObjct is not an AWS action (did you mean "s3:GetObject"?)`,
    ]);
    // The one fix each line names is all it takes.
    writeFileSync(file, text.replace('s3:GetObjct', 's3:GetObject').replace('version: 1.2.3', 'version: "1.0.0"'));
    await expect(loadCheckedSpec(file, ids)).resolves.toMatchObject({ spec: { version: '1.0.0' } });
  });

  test('a contentRead set that reads nothing, with every name known, is still told to drop contentRead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-typo-'));
    const file = join(dir, 'spec.yaml');
    writeFileSync(
      file,
      customSet('s3:PutObject', 'arn:${partition}:s3:::${prefix}-*/*').replace(
        '    description: A custom set.\n',
        '    description: A custom set.\n    contentRead: true\n',
      ),
    );
    await expect(loadCheckedSpec(file, ids)).rejects.toThrow(
      `${file}:15:18: customPermissionSets[0].contentRead: the set reads no content; remove "contentRead"`,
    );
  });

  test("refuses an ARN that is not of the action's resource type", async () => {
    await expect(check(customSet('s3:PutObject', 'arn:${partition}:s3:::${prefix}-*'))).rejects.toThrow(
      /s3:PutObject: arn:\$\{partition\}:s3:::\$\{prefix\}-\* fits none of its resource types/,
    );
  });
});

describe('least-privilege rules on custom sets', () => {
  const withSet = (body: string) => `${VALID_SPEC.replace('[logs/read]', '[app/custom]')}customPermissionSets:
  - id: app/custom
    description: A custom set.
${body}`;
  const awsOnly = (statement: string) => withSet(`    aws:\n${statement}    unsupported: { gcp: not needed, azure: not needed }\n`);

  test('refuses iam:PassRole in a set not marked privileged, naming the action', () => {
    const text = awsOnly(
      '      - actions: [iam:PassRole]\n        resources: ["arn:${partition}:iam::${account}:role/alien-workload/${prefix}/${prefix}-*"]\n        conditions: { StringEquals: { "iam:PassedToService": lambda.amazonaws.com } }\n',
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(
        /^spec\.yaml:16:19: customPermissionSets\[0\]\.aws\[0\]\.actions\[0\]: iam:PassRole lets the vendor hand a role to a service; only a set marked "privileged: true"/,
      ),
    ]);
  });

  test('refuses a resource outside the deployment', () => {
    const text = awsOnly(
      '      - actions: [s3:PutObject]\n        resources: ["arn:${partition}:s3:::shared-bucket/*"]\n        conditions: { StringEquals: { s3:ResourceAccount: "${account}" } }\n',
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(/^spec\.yaml:17:21: customPermissionSets\[0\]\.aws\[0\]\.resources\[0\]: .* is not limited to the deployment/),
    ]);
  });

  test('refuses a GCP grant with neither a condition nor a reason to be project-wide', () => {
    const text = withSet('    gcp:\n      permissions: [run.services.get]\n    unsupported: { aws: not needed, azure: not needed }\n');
    expect(problems(text)).toEqual([
      expect.stringMatching(/customPermissionSets\[0\]\.gcp: no condition: say why the grant is project-wide/),
    ]);
  });

  test('refuses projectWide for a service that takes a condition: every secret of the project is too much', () => {
    const text = withSet(
      '    gcp:\n      permissions: [secretmanager.secrets.get]\n      projectWide: the vendor reads secrets\n    unsupported: { aws: not needed, azure: not needed }\n',
    );
    expect(problems(text)).toEqual([
      expect.stringMatching(/customPermissionSets\[0\]\.gcp\.projectWide: these permissions support IAM conditions; add a condition/),
    ]);
  });

  test('refuses a wildcard before ${prefix}, which matches any name that contains it', () => {
    const text = awsOnly(
      '      - actions: [ssm:GetParameter]\n        resources: ["arn:${partition}:ssm:${region}:${account}:parameter/*${prefix}*"]\n',
    );
    const found = problems(text);
    expect(found).toContainEqual(
      expect.stringMatching(/resources\[0\]: a wildcard before \$\{prefix\} matches names that only contain the prefix/),
    );
  });

  test.each([
    [
      'a hard-coded account',
      'arn:${partition}:sqs:${region}:123456789012:${prefix}-*',
      /the account "123456789012" is fixed; write \$\{account\}/,
    ],
    ['a hard-coded region', 'arn:${partition}:sqs:eu-west-1:${account}:${prefix}-*', /the region "eu-west-1" is fixed; write \$\{region\}/],
    ['a wildcard account', 'arn:${partition}:sqs:${region}:*:${prefix}-*', /the account "\*" is fixed/],
  ])('refuses %s in an ARN', (_, arn, message) => {
    const text = awsOnly(`      - actions: [sqs:SendMessage]\n        resources: ["${arn}"]\n`);
    expect(problems(text)).toEqual([expect.stringMatching(message)]);
  });

  test('refuses a set that is defined but listed nowhere in permissions', () => {
    const text = awsOnly(
      '      - actions: [s3:PutObject]\n        resources: ["arn:${partition}:s3:::${prefix}-*/*"]\n        conditions: { StringEquals: { s3:ResourceAccount: "${account}" } }\n',
    ).replace('[app/custom]', '[logs/read]');
    expect(problems(text)).toEqual([
      'spec.yaml:13:9: customPermissionSets[0].id: "app/custom" is defined but not listed in permissions, so it would grant nothing; list it there or remove it',
    ]);
  });

  test("needs grants only for the spec's own clouds", () => {
    const text = `${VALID_SPEC.replace('[logs/read]', '[app/custom]').replace(/ {2}gcp:\n.*\n {2}azure:\n.*\n.*\n/, '')}clouds: [aws]
customPermissionSets:
  - id: app/custom
    description: A custom set.
    aws:
      - actions: [s3:PutObject]
        resources: ["arn:\${partition}:s3:::\${prefix}-*/*"]
        conditions: { StringEquals: { s3:ResourceAccount: "\${account}" } }
`;
    expect(problems(text)).toEqual([]);
    expect(
      problems(
        text
          .replace('clouds: [aws]', 'clouds: [aws, gcp]')
          .replace('managingIdentity:\n', 'managingIdentity:\n  gcp: { serviceAccount: a-control@vendor.iam.gserviceaccount.com }\n'),
      ),
    ).toEqual([expect.stringMatching(/customPermissionSets\[0\]: no gcp grants/)]);
  });

  test('suggests the built-in set a misspelled permission id was meant to be', () => {
    expect(problems(VALID_SPEC.replace('[logs/read]', '[logs/raed]'))).toEqual([
      'spec.yaml:11:15: permissions[0]: unknown permission set "logs/raed" (did you mean "logs/read"?); use a built-in set (npx alien-trust catalog) or define it in customPermissionSets',
    ]);
  });
});
