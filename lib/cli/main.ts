import { parseArgs } from 'node:util';
import { LimitError } from '../model/limit-error';
import { SpecError } from '../spec/spec-error';
import { synthCommand } from './synth-command';
import { UsageError } from './usage-error';

const USAGE = `Usage: alien-trust <command> [options]

Commands:
  synth [--spec FILE] [--out DIR] [--cloud aws,gcp,azure]
      Generate the templates for a trust spec (default spec: $ALIEN_TRUST_SPEC or alien.trust.yaml;
      default folder: templates/<name>/v<version>/).

Exit codes: 0 success, 2 bad input (spec or arguments), 1 anything else.`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const COMMANDS: Record<string, { options: Record<string, { type: 'string' | 'boolean' }>; run: (values: any) => string }> = {
  synth: { options: { spec: { type: 'string' }, out: { type: 'string' }, cloud: { type: 'string' } }, run: synthCommand },
};

/** Runs the command line and returns the exit code; never throws. */
export function main(argv: readonly string[], io: Io = { out: console.log, err: console.error }): number {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(USAGE);
      return name === undefined ? 2 : 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const { values } = parseArgsOrThrow(rest, command.options);
    const output = command.run(values);
    if (output) io.out(output);
    return 0;
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

function parseArgsOrThrow(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
