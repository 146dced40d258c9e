import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../support/run-cli';

const { largeSpec } = require('../../bench/large-spec') as { largeSpec: (count: number, bucketsPerSet?: number) => string };

async function synth(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-large-'));
  writeFileSync(join(dir, 'spec.yaml'), text);
  const out = join(dir, 'out');
  return { result: await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', out), out };
}

describe('a spec with 200 inline permission sets', () => {
  let out: string;
  beforeAll(async () => {
    const synthesized = await synth(largeSpec(200));
    expect(synthesized.result.code).toBe(0);
    out = synthesized.out;
    warning = synthesized.result.err;
  });
  let warning: string;

  test('warns that a template over 51,200 bytes needs the S3 route, naming its size', () => {
    const bytes = Buffer.byteLength(readFileSync(join(out, 'aws/template.json')));
    expect(bytes).toBeGreaterThan(51_200);
    expect(warning.split('\n')).toContain(
      `warning: aws: the template takes ${bytes} bytes, over the 51200 that "aws cloudformation deploy --template-file" sends inline: launch it from its S3 URL (the quick-create link) or deploy with --s3-bucket (see docs/customer-aws.md, "Large templates")`,
    );
  });

  test('synthesizes within every limit', () => {
    const aws = JSON.parse(readFileSync(join(out, 'aws/template.json'), 'utf8'));
    const policies = Object.values<any>(aws.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    expect(policies.length).toBeGreaterThan(1);
    expect(policies.length).toBeLessThanOrEqual(10);
    const gcp = JSON.parse(readFileSync(join(out, 'gcp/module/main.tf.json'), 'utf8'));
    expect(Object.keys(gcp.resource.google_project_iam_custom_role)).toHaveLength(200);
  });

  test('has an Azure role description within 1,024 characters', () => {
    const azure = JSON.parse(readFileSync(join(out, 'azure/module/main.tf.json'), 'utf8'));
    expect(azure.resource.azurerm_role_definition.alien_role.description).toBe(
      'Lets large-app act in this resource group with 200 permission sets; see PERMISSIONS.md',
    );
  });

  test('is refused with exit 2, naming the limit and by how much, when the AWS policies would not fit', async () => {
    const { result, out } = await synth(largeSpec(200, 4));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^aws: managed policies per role: the permissions need (\d+) policies of 6144 characters; IAM allows 10 per role, \d+ too many/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('a spec with more sets than a GCP project has custom roles', () => {
  test('is refused with exit 2, naming the limit and by how much', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-large-'));
    writeFileSync(join(dir, 'spec.yaml'), largeSpec(301));
    const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--cloud', 'gcp', '--out', join(dir, 'out'));
    expect(result).toMatchObject({
      code: 2,
      err: 'gcp: custom roles per project: 301 permission sets need one custom role each; a project holds 300, 1 too many',
    });
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
