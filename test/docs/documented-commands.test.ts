import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { docBlocks } from '../support/doc-blocks';
import { modelFromText } from '../support/fixtures';
import { run } from '../support/run-cli';

/*
 * Commands the documentation shows, kept true: each `$ npx alien-trust link …` of a console
 * block prints exactly the URL shown under it, and each `aws cloudformation deploy
 * --parameter-overrides` names only parameters the template of that form declares.
 */
const ROOT = join(__dirname, '..', '..');
const blocks = docBlocks(ROOT);

/** `$ command` lines of console blocks (with `\` continuations), each with the output lines under it. */
function consoleCommands(): { where: string; command: string; output: string[] }[] {
  const found: { where: string; command: string; output: string[] }[] = [];
  for (const block of blocks.filter((b) => b.lang === 'console')) {
    const lines = block.text.replace(/\n$/, '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('$ ')) continue;
      let command = lines[i].slice(2);
      const at = i;
      while (command.endsWith('\\')) command = `${command.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
      const output: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1].startsWith('$ ')) output.push(lines[++i]);
      found.push({ where: `${block.file}:${block.line + at}`, command: command.replace(/\s+#.*$/, ''), output });
    }
  }
  return found;
}

const links = consoleCommands().filter((c) => c.command.startsWith('npx alien-trust link '));

describe('the commands the documentation shows', () => {
  test('include a quick-create link', () => {
    expect(links.length).toBeGreaterThan(0);
  });

  test.each(links.map((l) => [l.where, l] as const))('%s: link prints the URL shown', async (_, { command, output }) => {
    const argv = command.replace(/^npx alien-trust /, '').split(/\s+/);
    const result = await run(...argv);
    expect({ code: result.code, out: result.out.trim() }).toEqual({ code: 0, out: output.join('\n').trim() });
  });

  test('aws cloudformation deploy names only the parameters the template declares', () => {
    const roleForm = Object.keys(
      JSON.parse(
        generateTemplates(modelFromText(readFileSync(join(ROOT, 'test', 'fixtures', 'per-customer.yaml'), 'utf8'))).get(
          'aws/template.json',
        )!,
      ).Parameters,
    );
    const oidcForm = Object.keys(
      JSON.parse(
        generateTemplates(modelFromText(readFileSync(join(ROOT, 'test', 'fixtures', 'oidc.yaml'), 'utf8'))).get('aws/template.json')!,
      ).Parameters,
    );
    const deploys = blocks
      .filter((b) => b.lang === 'sh' || b.lang === 'console')
      .flatMap((b) => [...b.text.replace(/\\\n\s*/g, ' ').matchAll(/aws cloudformation deploy [^\n]*--parameter-overrides ([^\n]*)/g)])
      .map((m) => [...m[1].matchAll(/'?([A-Za-z]+)=/g)].map((p) => p[1]));
    expect(deploys.length).toBeGreaterThan(0);
    for (const names of deploys)
      expect([names, names.every((n) => roleForm.includes(n)) || names.every((n) => oidcForm.includes(n))]).toEqual([names, true]);
  });
});
