import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../package-root';
import { didYouMean } from '../input/did-you-mean';
import { LimitError } from '../model/limit-error';
import { SpecError } from '../input/spec-error';
import { catalogCommand } from './catalog-command';
import { checkCommand } from './check-command';
import { diffCommand } from './diff-command';
import { explainCommand } from './explain-command';
import { handoffCommand } from './handoff-command';
import { linkCommand } from './link-command';
import { registerCommand } from './register-command';
import { releaseInfoCommand } from './release-info-command';
import type { Io } from './io';
import { synthCommand } from './synth-command';
import { UsageError } from './usage-error';

const USAGE = `Usage: alien-trust <command> [options]

Commands:
  synth [--spec FILE] [--out DIR] [--cloud aws,gcp,azure]
      Generate the templates for a trust spec (default spec: $ALIEN_TRUST_SPEC or alien.trust.yaml;
      default folder: templates/<name>/v<version>/, immutable once published; --cloud needs --out).
  check [--spec FILE]
      Regenerate the spec's current version in memory and compare it with templates/<name>/v<version>/;
      exit 1 naming each file that differs or is missing.
  link --template-url URL --region REGION --prefix PREFIX (--external-id ID | --customer-id ID) [--stack-name NAME]
      Print the CloudFormation quick-create URL for a published template: --external-id for the
      role form, --customer-id for the OIDC form.
  handoff --customer-id ID --prefix PREFIX --out DIR [--spec FILE] [--template-url URL --region REGION]
          [--external-id ID] [--rotate] [--vendor-service-account EMAIL]
      Everything the vendor sends one customer: the quick-create URL (with a generated external id
      unless one is given) and a terraform.tfvars.json per Terraform cloud, written to DIR with a
      handoff.json record for the vendor. DIR must be new, empty or this customer's: run again,
      give the stored --external-id (same files), or --rotate for a new external id (the old one
      stays in handoff.json's history); another customer's folder is refused.
  explain [--spec FILE]
      Print the permissions review a release carries as PERMISSIONS.md: who can get in, with
      what, for how long, and how to revoke it.
  catalog [--json] [--alien]
      The built-in permission sets: id, clouds and description, or every grant as JSON;
      --alien: which of Alien's management permission-set ids the catalog covers, per cloud.
  release-info [--spec FILE]
      The spec's name, version and release folder, and the release before it (pre-releases
      skipped), as JSON for a release workflow.
  diff OLD NEW [--json] [--fail-on-expansion] [--fail-on-replacement]
      Permissions added and removed per cloud, trust changes, and resources the upgrade would
      replace instead of updating in place, between two release folders; --fail-on-expansion
      exits 1 when anything was added or the trust changed, --fail-on-replacement when
      anything would be replaced.
  register --event FILE [--spec FILE] [--respond]
  register --terraform-outputs FILE --cloud gcp|azure [--spec FILE]
      The vendor's side of registration: read a CloudFormation custom-resource request (or a
      Terraform root's "terraform output -json") and print the customer's registration record as
      JSON; exit 2 when it is not a published release's role in the stack's own account;
      --respond sends CloudFormation the answer (a Delete is always answered SUCCESS).

Options anywhere: --help, --version.
Exit codes: 0 success, 2 bad input (spec, arguments or files), 1 a failed check or gate, or an internal error.`;

/** What a file-system error on a path the user gave means, in plain words. */
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'is not a folder (or a part of the path is a file)',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EBUSY: 'is busy (in use by another program, or the current folder)',
  EEXIST: 'already exists',
  ENOTEMPTY: 'is not empty',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'no space left on the device',
};

const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

type Options = Record<string, { type: 'string' | 'boolean' }>;

/** Each command: its options, how many positional arguments it takes, and what it runs. */
const COMMANDS: Record<
  string,
  { options: Options; positionals?: number; run: (values: any, io: Io, positionals: string[]) => number | Promise<number> }
> = {
  synth: { options: { spec: { type: 'string' }, out: { type: 'string' }, cloud: { type: 'string' } }, run: synthCommand },
  check: { options: { spec: { type: 'string' } }, run: checkCommand },
  link: {
    options: {
      'template-url': { type: 'string' },
      region: { type: 'string' },
      'external-id': { type: 'string' },
      'customer-id': { type: 'string' },
      prefix: { type: 'string' },
      'stack-name': { type: 'string' },
    },
    run: linkCommand,
  },
  explain: { options: { spec: { type: 'string' } }, run: explainCommand },
  handoff: {
    options: {
      spec: { type: 'string' },
      'customer-id': { type: 'string' },
      prefix: { type: 'string' },
      out: { type: 'string' },
      'template-url': { type: 'string' },
      region: { type: 'string' },
      'external-id': { type: 'string' },
      'vendor-service-account': { type: 'string' },
      rotate: { type: 'boolean' },
    },
    run: handoffCommand,
  },
  catalog: { options: { json: { type: 'boolean' }, alien: { type: 'boolean' } }, run: catalogCommand },
  'release-info': { options: { spec: { type: 'string' } }, run: releaseInfoCommand },
  register: {
    options: {
      event: { type: 'string' },
      'terraform-outputs': { type: 'string' },
      cloud: { type: 'string' },
      spec: { type: 'string' },
      respond: { type: 'boolean' },
    },
    run: registerCommand,
  },
  diff: {
    options: { json: { type: 'boolean' }, 'fail-on-expansion': { type: 'boolean' }, 'fail-on-replacement': { type: 'boolean' } },
    positionals: 2,
    run: diffCommand,
  },
};

/** Runs the command line and resolves to the exit code; never rejects. */
export async function main(argv: readonly string[], io: Io = { out: console.log, err: console.error }): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      io.out(VERSION);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
    const { values, positionals } = parseArgsOrThrow(rest, command.options);
    if (positionals.length !== (command.positionals ?? 0)) {
      throw new UsageError(`${name} takes ${command.positionals ?? 'no'} positional argument(s), got ${positionals.length}`);
    }
    return await command.run(values, io, positionals);
  } catch (e) {
    if (e instanceof SpecError || e instanceof LimitError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`alien-trust: ${e.message}; see "alien-trust --help"`);
      return 2;
    }
    const fileProblem = FILE_PROBLEMS[(e as NodeJS.ErrnoException).code ?? ''];
    if (fileProblem && (e as NodeJS.ErrnoException).path) {
      io.err(`alien-trust: ${(e as NodeJS.ErrnoException).path}: ${fileProblem}`);
      return 2;
    }
    io.err(`alien-trust: internal error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

/** Node's parser, with its errors said in one line each, and a suggestion for a misspelled option. */
function parseArgsOrThrow(args: string[], options: Options) {
  for (const arg of args) {
    if (arg === '--') break;
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0];
    if (!(name in options))
      throw new UsageError(
        `unknown option --${name}${didYouMean(
          `--${name}`,
          Object.keys(options).map((o) => `--${o}`),
        )}`,
      );
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    const option = /'(--?[\w-]+)/.exec((e as Error).message)?.[1];
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) throw new UsageError(`${option} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) throw new UsageError(`unknown option ${option}`);
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}
