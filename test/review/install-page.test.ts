import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { parseSpec } from '../../lib/input/load-spec';
import { resolve } from '../../lib/model/resolve';
import { buildRelease } from '../../lib/release/build-release';
import { MANIFEST_FILE, sha256 } from '../../lib/release/manifest';
import { installPage, INSTALL_FILE } from '../../lib/review/install-page';
import { fixturePath, REGISTRATION_SPEC, VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/*
 * INSTALL.md, the customer's install steps of one release: each cloud's steps name exactly the
 * inputs that release's templates declare (read from the templates, so a variable added to a
 * module reaches the page), and the page is a release file like PERMISSIONS.md: in the
 * manifest, checked by `check`, compared by `diff`.
 */

function release(text: string) {
  const catalog = builtInCatalog();
  const spec = parseSpec(text, 'spec.yaml', catalog.ids).spec;
  const model = resolve(spec, catalog);
  return { model, files: buildRelease(model, spec) };
}

/** The page's section of one cloud: from `## AWS` to the next `## `. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(0);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

/** The `terraform apply` command of a section, with its continuation lines. */
function applyCommand(text: string): string {
  return /terraform apply((?:[^\n]*\\\n)*[^\n]*)/.exec(text)?.[1] ?? '';
}

const SPECS = {
  'per-customer (role, vendor service account per customer, customer subject)': readFileSync(fixturePath('per-customer'), 'utf8'),
  'OIDC on every cloud': readFileSync(fixturePath('oidc'), 'utf8'),
  'pinned identities': VALID_SPEC,
};

describe('INSTALL.md', () => {
  test.each(Object.entries(SPECS))("%s: each cloud's steps name every input its templates declare", (_, text) => {
    const { files } = release(text);
    const page = files.get(INSTALL_FILE)!;
    const template = JSON.parse(files.get('aws/template.json')!);
    const aws = section(page, 'AWS');
    for (const [name, parameter] of Object.entries(template.Parameters as Record<string, { Default?: string }>)) {
      expect(aws).toContain(`- \`${name}\``);
      // Required parameters are in the deploy command; ones with a default are left to it.
      expect(aws.includes(`'${name}=<${name}>'`)).toBe(parameter.Default === undefined);
    }
    for (const [cloud, heading] of [
      ['aws', 'AWS'],
      ['gcp', 'GCP'],
      ['azure', 'Azure'],
    ] as const) {
      const steps = section(page, heading);
      const root = JSON.parse(files.get(`${cloud}/main.tf.json`)!);
      const command = applyCommand(steps);
      for (const [name, variable] of Object.entries(root.variable as Record<string, { default?: unknown }>)) {
        expect(steps).toContain(`- \`${name}\``);
        expect([cloud, name, command.includes(`-var '${name}=<${name}>'`)]).toEqual([cloud, name, variable.default === undefined]);
      }
      for (const output of Object.keys(root.output)) expect(steps).toContain(`- \`${output}\``);
      // How to check it, upgrade it and revoke it, on every cloud.
      for (const part of ['### Check it', '### Upgrade', '### Revoke'])
        expect([cloud, steps.includes(`\n${part}\n`)]).toEqual([cloud, true]);
      // Nothing else: every variable the command sets is one the root declares.
      for (const [, name] of command.matchAll(/-var '([a-z_]+)=/g)) expect(Object.keys(root.variable)).toContain(name);
    }
  });

  test('follows the templates: a variable added to a root is named in its steps', () => {
    const { model, files } = release(VALID_SPEC);
    const root = JSON.parse(files.get('gcp/main.tf.json')!);
    root.variable.billing_label = { type: 'string', description: 'Shown as <written>.' };
    files.set('gcp/main.tf.json', JSON.stringify(root));
    const gcp = section(installPage(model, files), 'GCP');
    expect(applyCommand(gcp)).toContain("-var 'billing_label=<billing_label>'");
    expect(gcp).toContain('- `billing_label`: Shown as \\<written\\>.');
  });

  test("names this release's paths, stack, role and version, and links the review", () => {
    const { files } = release(REGISTRATION_SPEC);
    const page = files.get(INSTALL_FILE)!;
    expect(page).toMatch(/^# Install: acme-app 1\.2\.3\n/);
    expect(page).toContain('`https://<bucket>.s3.<bucket region>.amazonaws.com/acme-app/v1.2.3/aws/template.json`');
    expect(page).toContain("--stack-name '<ResourcePrefix>-acme-app'");
    expect(page).toContain("aws iam get-role --role-name '<ResourcePrefix>-acme-app-<region>'");
    expect(page).toContain('`acme-app@1.2.3`');
    expect(page).toContain('[PERMISSIONS.md](PERMISSIONS.md)');
    // A stack that registers sends nothing back by hand; one that does not is told to send RoleArn.
    expect(page).toContain('nothing to send back');
    expect(release(VALID_SPEC).files.get(INSTALL_FILE)).toContain('send the vendor `RoleArn`');
  });

  test('leaves out the clouds the release does not have', () => {
    const { files } = release(readFileSync(fixturePath('aws-only'), 'utf8'));
    const page = files.get(INSTALL_FILE)!;
    expect(page).toContain('\n## AWS\n');
    expect(page).not.toMatch(/\n## (GCP|Azure)\n/);
  });

  test('is in the manifest, with its hash', () => {
    const { files } = release(VALID_SPEC);
    const manifest = JSON.parse(files.get(MANIFEST_FILE)!);
    expect(manifest.files).toContainEqual({
      path: INSTALL_FILE,
      sha256: sha256(files.get(INSTALL_FILE)!),
      size: Buffer.byteLength(files.get(INSTALL_FILE)!),
    });
  });

  test('check names an edited INSTALL.md, and diff lists it when it differs', async () => {
    const cwd = process.cwd();
    process.chdir(mkdtempSync(join(tmpdir(), 'install-page-')));
    try {
      writeFileSync('alien.trust.yaml', VALID_SPEC);
      expect((await run('synth')).code).toBe(0);
      const published = 'templates/acme-app/v1.2.3';
      writeFileSync(join(published, INSTALL_FILE), 'edited\n');
      const check = await run('check');
      expect(check.code).toBe(1);
      expect(check.err).toContain(`  ${INSTALL_FILE}: edited`);

      writeFileSync('next.yaml', VALID_SPEC.replace('version: 1.2.3', 'version: 1.2.4'));
      expect((await run('synth', '--spec', 'next.yaml', '--out', 'next')).code).toBe(0);
      expect((await run('synth', '--spec', 'alien.trust.yaml', '--out', 'restored')).code).toBe(0);
      const diff = await run('diff', 'restored', 'next');
      expect(diff.out).toContain(`  ~ ${INSTALL_FILE}`);
    } finally {
      process.chdir(cwd);
    }
  });
});
