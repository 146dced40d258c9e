import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root';
import { didYouMean } from '../core/did-you-mean';
import { parseCommandLine, type Command } from './command';
import { COMMANDS } from './commands';
import { EXIT_CODES, failure } from './exit-codes';
import { commandHelp, usage } from './help';
import type { Io } from './io';
import { UsageError } from '../core/usage-error';

const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

function commandNamed(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command)
    throw new UsageError(
      `unknown command "${name}"${didYouMean(
        name,
        COMMANDS.map((c) => c.name),
      )}`,
    );
  return command;
}

/** Runs the command line and resolves to the exit code; never rejects. */
export async function main(argv: readonly string[], io: Io = { out: console.log, err: console.error }): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
      io.out(usage(COMMANDS));
      return name === undefined ? EXIT_CODES.badInput.code : EXIT_CODES.success.code;
    }
    if (name === 'help') {
      if (rest.length > 1) throw new UsageError(`help takes one command, got ${rest.length}`);
      io.out(rest.length === 0 ? usage(COMMANDS) : commandHelp(commandNamed(rest[0])));
      return EXIT_CODES.success.code;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      io.out(VERSION);
      return EXIT_CODES.success.code;
    }
    const command = commandNamed(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(command));
      return EXIT_CODES.success.code;
    }
    const { values, positionals } = parseCommandLine(command, rest);
    return await command.handler(values as never, io, positionals);
  } catch (e) {
    const { code, message } = failure(e);
    io.err(message);
    return code;
  }
}
