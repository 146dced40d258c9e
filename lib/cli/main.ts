import { parseArgs } from 'node:util';
import { LimitError } from '../model/limit-error';
import { SpecError } from '../spec/spec-error';
import { catalogCommand } from './catalog-command';
import { checkCommand } from './check-command';
import { diffCommand } from './diff-command';
import { explainCommand } from './explain-command';
import { linkCommand } from './link-command';
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
  link --template-url URL --region REGION --external-id ID --prefix PREFIX [--stack-name NAME]
      Print the CloudFormation quick-create URL for a published template.
  explain [--spec FILE]
      Print the permissions review a release carries as PERMISSIONS.md: who can get in, with
      what, for how long, and how to revoke it.
  catalog [--json]
      The built-in permission sets: id, clouds and description, or every grant as JSON.
  diff OLD NEW [--json] [--fail-on-expansion] [--fail-on-replacement]
      Permissions added and removed per cloud, trust changes, and resources the upgrade would
      replace instead of updating in place, between two release folders; --fail-on-expansion
      exits 1 when anything was added or the trust changed, --fail-on-replacement when
      anything would be replaced.

Exit codes: 0 success, 2 bad input (spec or arguments), 1 anything else.`;

type Options = Record<string, { type: 'string' | 'boolean' }>;

/** Each command: its options, how many positional arguments it takes, and what it runs. */
const COMMANDS: Record<string, { options: Options; positionals?: number; run: (values: any, io: Io, positionals: string[]) => number | Promise<number> }> = {
  synth: { options: { spec: { type: 'string' }, out: { type: 'string' }, cloud: { type: 'string' } }, run: synthCommand },
  check: { options: { spec: { type: 'string' } }, run: checkCommand },
  link: {
    options: { 'template-url': { type: 'string' }, region: { type: 'string' }, 'external-id': { type: 'string' }, prefix: { type: 'string' }, 'stack-name': { type: 'string' } },
    run: linkCommand,
  },
  explain: { options: { spec: { type: 'string' } }, run: explainCommand },
  catalog: { options: { json: { type: 'boolean' } }, run: catalogCommand },
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
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
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
      io.err(`alien-trust: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`alien-trust: internal error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

function parseArgsOrThrow(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
