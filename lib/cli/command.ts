import { parseArgs } from 'node:util';
import { didYouMean } from '../core/did-you-mean';
import type { Io } from './io';
import { UsageError } from '../core/usage-error';

/**
 * A command describes itself: its name, what it does, its arguments and options, and what it
 * runs. The parser, `--help`, `help <command>` and docs/cli.md are all built from this one
 * object, so adding an option is one edit and the reference cannot drift from the parser.
 */
export interface Command<O extends readonly CommandOption[] = readonly CommandOption[]> {
  readonly name: string;
  /** One sentence: the command list and the top of its own help. */
  readonly summary: string;
  /** What else a user must know, one paragraph per entry. */
  readonly description?: readonly string[];
  /** Its positional arguments, all required (`diff OLD NEW`). */
  readonly positionals?: readonly Positional[];
  readonly options: O;
  /** Runs the command on parsed values and resolves to the exit code (bad input throws). */
  handler(values: OptionValues<O>, io: Io, positionals: string[]): number | Promise<number>;
}

export interface CommandOption {
  /** As typed, without the leading `--`. */
  readonly name: string;
  /** The placeholder of its value (`FILE`, `DIR`); a flag has none. */
  readonly value?: string;
  readonly description: string;
  /** What applies when it is left out, in words. */
  readonly default?: string;
  /** The parser refuses the command without it: `--<name> is required`. */
  readonly required?: boolean;
  /**
   * Options with the same group are alternatives the command takes one of, shown as
   * `(--a A | --b B)`; the command itself says which one it needs.
   */
  readonly oneOf?: string;
}

export interface Positional {
  readonly name: string;
  readonly description: string;
}

/** The values a handler receives: a string per option with a value (always there when required), a boolean per flag. */
export type OptionValues<O extends readonly CommandOption[]> = {
  readonly [K in O[number] as K['name']]: K extends { readonly value: string }
    ? K extends { readonly required: true }
      ? string
      : string | undefined
    : boolean | undefined;
};

/** A command, typed from its own options (`const`: option names and values stay literal types). */
export function defineCommand<const O extends readonly CommandOption[]>(command: Command<O>): Command<O> {
  return command;
}

/** The `--spec` option of every command that reads a spec. */
export const SPEC_OPTION = {
  name: 'spec',
  value: 'FILE',
  description: 'The trust spec to read.',
  default: '$ALIEN_TRUST_SPEC, else alien.trust.yaml at the root of the project the shell is in',
} as const;

/** What Node's parser is told a command accepts: exactly its options, each a string or a flag. */
export function parserOptions(command: Command): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(command.options.map((o) => [o.name, { type: o.value === undefined ? 'boolean' : 'string' }]));
}

/**
 * Node's parser on the command's options, with its errors said in one line each and a
 * suggestion for a misspelled option; then the number of positionals and the required options.
 */
export function parseCommandLine(
  command: Command,
  args: string[],
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = parserOptions(command);
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
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (e) {
    const option = /'(--?[\w-]+)/.exec((e as Error).message)?.[1];
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) throw new UsageError(`${option} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) throw new UsageError(`unknown option ${option}`);
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const expected = command.positionals?.length ?? 0;
  if (parsed.positionals.length !== expected) {
    throw new UsageError(`${command.name} takes ${expected || 'no'} positional argument(s), got ${parsed.positionals.length}`);
  }
  const { values } = parsed;
  for (const option of command.options) {
    if (option.required && (values[option.name] === undefined || values[option.name] === '')) {
      throw new UsageError(`--${option.name} is required`);
    }
  }
  return { values, positionals: parsed.positionals };
}

/** `--name VALUE`, or `--name` for a flag. */
export function optionUsage(option: CommandOption): string {
  return option.value === undefined ? `--${option.name}` : `--${option.name} ${option.value}`;
}

/** The command line as typed: `diff OLD NEW [--json]`, required options bare, alternatives grouped. */
export function synopsis(command: Command): string {
  return synopsisParts(command).join(' ');
}

/** The synopsis in the parts a line may break between: `[--out DIR]` stays whole. */
export function synopsisParts(command: Command): string[] {
  const parts = [command.name, ...(command.positionals ?? []).map((p) => p.name)];
  const grouped = new Set<string>();
  for (const option of command.options) {
    if (option.oneOf !== undefined) {
      if (grouped.has(option.oneOf)) continue;
      grouped.add(option.oneOf);
      const group = command.options.filter((o) => o.oneOf === option.oneOf);
      parts.push(`(${group.map(optionUsage).join(' | ')})`);
    } else parts.push(option.required ? optionUsage(option) : `[${optionUsage(option)}]`);
  }
  return parts;
}
