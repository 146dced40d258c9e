import { main } from '../../lib/cli/main';

/** Runs the CLI in memory and captures what it prints. */
export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** What a command printed on stderr besides `warning:` and `notice:` lines: empty when it only warned. */
export function notWarnings(err: string): string[] {
  return err.split('\n').filter((line) => line !== '' && !/^(warning|notice): /.test(line));
}
