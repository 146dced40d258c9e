import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliReference } from '../../lib/cli/cli-reference';
import { parserOptions } from '../../lib/cli/command';
import { COMMANDS } from '../../lib/cli/commands';
import { EXIT_CODES, failure } from '../../lib/cli/exit-codes';
import { UsageError } from '../../lib/core/usage-error';
import { SpecError } from '../../lib/core/spec-error';
import { LimitError } from '../../lib/core/limit-error';
import { run } from '../support/run-cli';

const ROOT = join(__dirname, '..', '..');
const PAGE = join(ROOT, 'docs', 'cli.md');
const generated = cliReference(COMMANDS);

/** The page's section of one command: from its heading to the next. */
function section(page: string, name: string): string {
  const start = page.indexOf(`\n## ${name}\n`);
  expect([name, start]).not.toEqual([name, -1]);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

describe('docs/cli.md', () => {
  test('is exactly what the generator prints from the commands (UPDATE_DOCS=1 rewrites it)', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(PAGE, generated);
    expect(readFileSync(PAGE, 'utf8')).toBe(generated);
  });

  test.each(COMMANDS.map((c) => [c.name, c] as const))('documents every option the parser accepts for %s', (name, command) => {
    const page = section(readFileSync(PAGE, 'utf8'), name);
    const accepted = Object.keys(parserOptions(command));
    expect(accepted.length).toBe(command.options.length);
    // Each accepted option has a row of its own: `--name` or `--name VALUE` in the first cell.
    const rows = page.split('\n').flatMap((line) => /^\| `--([\w-]+)[ `]/.exec(line)?.[1] ?? []);
    expect(rows).toEqual(accepted);
    for (const option of command.options) expect([option.name, option.description.length > 0]).toEqual([option.name, true]);
  });

  test('lists every exit code with its meaning', () => {
    const page = readFileSync(PAGE, 'utf8');
    const exitSection = page.slice(page.indexOf('## Exit codes'));
    for (const { code, meaning } of Object.values(EXIT_CODES)) expect(exitSection).toContain(`| ${code}    | ${meaning}`);
  });
});

describe('the commands', () => {
  test('every command defined in lib/cli is one the CLI runs', () => {
    const dir = join(ROOT, 'lib', 'cli');
    const defined = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/defineCommand\(\{\s*name: '([^']+)'/g)].map((m) => m[1]));
    expect(defined.sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });
});

describe('the parser accepts only what is documented', () => {
  test.each(COMMANDS.map((c) => c.name))('%s refuses an option it does not list', async (name) => {
    const result = await run(name, '--not-an-option');
    expect(result).toMatchObject({ code: 2, err: expect.stringMatching(/^alien-trust: unknown option --not-an-option/) });
  });

  test('a required option left out is named', async () => {
    expect((await run('handoff', '--customer-id', 'acme', '--out', 'x')).err).toBe(
      'alien-trust: --prefix is required; see "alien-trust --help"',
    );
    expect((await run('link', '--template-url', 'https://b.s3.amazonaws.com/t.json', '--region', 'eu-west-1', '--prefix', '')).err).toBe(
      'alien-trust: --prefix is required; see "alien-trust --help"',
    );
  });
});

describe('help', () => {
  test('--help lists every command with its summary, and the exit codes', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(out).toContain(`\n  ${command.name}`);
    for (const { code: exit } of Object.values(EXIT_CODES)) expect(out).toMatch(new RegExp(`\\n  ${exit}  \\S`));
  });

  test.each(COMMANDS.map((c) => [c.name, c] as const))(
    'help %s (and the command with --help) prints it with each option',
    async (name, command) => {
      const help = await run('help', name);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: alien-trust ${name}[ \\n]`));
      for (const option of command.options) expect(help.out).toContain(`  --${option.name}`);
      expect(await run(name, '--help')).toEqual(help);
    },
  );

  test('help of an unknown command suggests the nearest', async () => {
    expect(await run('help', 'hanfoff')).toEqual({
      code: 2,
      out: '',
      err: 'alien-trust: unknown command "hanfoff" (did you mean "handoff"?); see "alien-trust --help"',
    });
  });

  test('no command at all prints the usage and exits 2', async () => {
    const { code, out } = await run();
    expect(code).toBe(2);
    expect(out).toMatch(/^Usage: alien-trust <command>/);
  });
});

describe('exit codes: one mapping for the CLI and the CDK and CDKTF apps', () => {
  const fileError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: 'missing.yaml' });
  test.each([
    ['a spec error', SpecError.of('spec.yaml', 'bad'), 2, 'spec.yaml:1:1: bad'],
    ['a limit error', new LimitError('aws', 'policy size', 'too big'), 2, 'aws: policy size: too big'],
    ['a usage error', new UsageError('--x is required'), 2, 'alien-trust: --x is required; see "alien-trust --help"'],
    ['a missing file', fileError, 2, 'alien-trust: missing.yaml: does not exist'],
  ])('%s is bad input', (_, error, code, message) => {
    expect(failure(error)).toEqual({ code, message });
  });

  test('anything else is an internal error, with its stack', () => {
    expect(failure(new TypeError('x is undefined'))).toEqual({
      code: EXIT_CODES.failed.code,
      message: expect.stringMatching(/^alien-trust: internal error: TypeError: x is undefined\n\s+at /),
    });
  });

  // bin/run-app.js runs the compiled apps (dist/, built by the test setup).
  const runApp = (body: string): { code: number; err: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-run-app-'));
    writeFileSync(join(dir, 'app.js'), `exports.app = async () => { ${body} };`);
    try {
      execFileSync(
        process.execPath,
        ['-e', `require(${JSON.stringify(join(ROOT, 'bin', 'run-app.js'))})(${JSON.stringify(join(dir, 'app.js'))}, 'app')`],
        {
          stdio: 'pipe',
        },
      );
      return { code: 0, err: '' };
    } catch (e) {
      const { status, stderr } = e as { status: number; stderr: Buffer };
      return { code: status, err: `${stderr}` };
    }
  };

  test('an app that meets a missing file ends as the CLI does: exit 2, one line', () => {
    expect(runApp("require('node:fs').readFileSync('no-such-spec.yaml');")).toEqual({
      code: 2,
      err: 'alien-trust: no-such-spec.yaml: does not exist\n',
    });
  });

  test('an app that fails unexpectedly ends with exit 1 and the stack', () => {
    const { code, err } = runApp("throw new Error('boom');");
    expect(code).toBe(EXIT_CODES.failed.code);
    expect(err).toMatch(/^alien-trust: internal error: Error: boom\n\s+at /);
  });
});
