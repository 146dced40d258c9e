import { optionUsage, synopsisParts, type Command } from './command';
import { EXIT_CODES } from './exit-codes';

/** Terminal help is wrapped to this many columns. */
const WIDTH = 100;

/**
 * `text` (or its parts, kept whole) as lines of at most WIDTH columns, the first starting with
 * `first` and the others with `indent`; a longer part stays whole.
 */
function wrap(text: string | readonly string[], indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of typeof text === 'string' ? text.split(/\s+/).filter(Boolean) : text) {
    const start = line === (lines.length === 0 ? first : indent);
    if (!start && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else line = start ? line + word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

function exitCodeLines(): string[] {
  return Object.values(EXIT_CODES).flatMap(({ code, meaning }) => wrap(meaning, '     ', `  ${code}  `));
}

/** `alien-trust --help`: every command's synopsis and summary, and what applies to all of them. */
export function usage(commands: readonly Command[]): string {
  return [
    'Usage: alien-trust <command> [options]',
    '',
    'Commands:',
    ...commands.flatMap((c) => [...wrap(synopsisParts(c), '          ', '  '), ...wrap(c.summary, '      ')]),
    '',
    'alien-trust help <command> (or <command> --help): the command in full, with every option.',
    'Options anywhere: --help, --version.',
    'Exit codes:',
    ...exitCodeLines(),
  ].join('\n');
}

/** `alien-trust help <command>`: its synopsis, what it does, each argument and option, the exit codes. */
export function commandHelp(command: Command): string {
  const rows: [string, string][] = [
    ...(command.positionals ?? []).map((p): [string, string] => [p.name, p.description]),
    ...command.options.map((o): [string, string] => [
      optionUsage(o),
      `${o.required ? 'Required. ' : ''}${o.description}${o.default === undefined ? '' : ` Default: ${o.default}.`}`,
    ]),
    ['--help', 'Print this help.'],
  ];
  const column = Math.max(...rows.map(([left]) => left.length)) + 4;
  return [
    ...wrap(synopsisParts(command), ' '.repeat(`Usage: alien-trust ${command.name} `.length), 'Usage: alien-trust '),
    '',
    ...wrap(command.summary, ''),
    ...(command.description ?? []).flatMap((paragraph) => ['', ...wrap(paragraph, '')]),
    '',
    command.positionals ? 'Arguments and options:' : 'Options:',
    ...rows.flatMap(([left, text]) => wrap(text, ' '.repeat(column), `  ${left}`.padEnd(column))),
    '',
    'Exit codes:',
    ...exitCodeLines(),
  ].join('\n');
}
