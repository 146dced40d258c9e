import { optionUsage, synopsis, type Command } from './command';
import { EXIT_CODES } from './exit-codes';

/** A table cell: one line, with the characters that would end the cell or the line escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table with its columns padded as Prettier prints them, so the page is left as it is. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, c) => Math.max(3, ...all.map((row) => row[c].length)));
  const line = (row: readonly string[]) => `| ${row.map((text, c) => text.padEnd(widths[c])).join(' | ')} |`;
  return [line(all[0]), line(widths.map((w) => '-'.repeat(w))), ...all.slice(1).map(line)];
}

const code = (text: string) => `\`${text}\``;

/** Text as Markdown shows it: `<name>` would read as an HTML tag and vanish. */
const prose = (text: string) => text.replace(/</g, '\\<');

function commandSection(command: Command): string[] {
  const rows = [
    ...(command.positionals ?? []).map((p) => [code(p.name), 'yes', prose(p.description), '']),
    ...command.options.map((o) => [code(optionUsage(o)), o.required ? 'yes' : '', prose(o.description), prose(o.default ?? '')]),
  ];
  return [
    `## ${command.name}`,
    '',
    '```sh',
    `alien-trust ${synopsis(command)}`,
    '```',
    '',
    prose(command.summary),
    ...(command.description ?? []).flatMap((paragraph) => ['', prose(paragraph)]),
    '',
    ...(rows.length === 0 ? ['It takes no options.'] : table(['Argument or option', 'Required', 'What it is', 'Default'], rows)),
  ];
}

/**
 * docs/cli.md: every command with its synopsis, arguments, options and defaults, and the exit
 * codes, from the commands' own definitions (test/cli/cli-reference.test.ts keeps the page equal).
 */
export function cliReference(commands: readonly Command[]): string {
  return `${[
    '# Command-line reference',
    '',
    '<!-- Generated from the commands themselves (lib/cli/*-command.ts, lib/cli/exit-codes.ts); do not edit.',
    '     Regenerate: UPDATE_DOCS=1 npx jest test/cli/cli-reference.test.ts -->',
    '',
    'Run a command as `npx alien-trust <command> [options]`. `npx alien-trust --help` lists the commands;',
    '`npx alien-trust help <command>` (or `<command> --help`) prints one of them as this page does.',
    '`--version` prints the version. Options may come in any order; a value follows its option',
    '(`--spec FILE` or `--spec=FILE`).',
    '',
    ...commands.map((c) => `- [${c.name}](#${c.name}): ${prose(c.summary)}`),
    '',
    ...commands.flatMap((c) => [...commandSection(c), '']),
    '## Exit codes',
    '',
    'Every command, and the CDK and CDKTF apps (`npx cdk synth`, `npx cdktf synth`), end with one of these:',
    '',
    ...table(
      ['Code', 'Meaning'],
      Object.values(EXIT_CODES).map((e) => [String(e.code), prose(e.meaning)]),
    ),
  ].join('\n')}\n`;
}
