import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { trustSpecSchema } from '../../lib/input/trust-spec-schema';
import { CLOUDS } from '../../lib/core/variables';
import { docBlocks, docFiles, fencedBlocks, type DocBlock } from '../support/doc-blocks';
import { notWarnings, run } from '../support/run-cli';

/*
 * Every trust spec, spec fragment and permission set the documentation shows, taken from the
 * Markdown itself (README.md and docs/**.md), must synthesize as written: `alien-trust synth`
 * (parse, the clouds' lists of actions, the least-privilege rules, every template) exits 0
 * with no problem and no warning (notices are fine). A whole spec runs as it is. A fragment of one (a `registration:` block)
 * runs inside a minimal valid spec. A permission set, alone or in `customPermissionSets`, runs
 * alone in a minimal spec naming the set and only the clouds it grants on ("a custom set per
 * cloud, each for a spec that names only that cloud"). Problems are reported at the lines of the
 * Markdown file.
 */
const ROOT = join(__dirname, '..', '..');

const SPEC_KEYS = new Set(Object.keys(trustSpecSchema(new Set()).in.shape));
/** Keys a YAML block of another kind may have too (a GCP org policy has a `name`). */
const GENERIC_KEYS = new Set(['name', 'version', 'description']);

/** A spec to synthesize: its text, and for each of its lines the Markdown line it came from. */
interface Example {
  readonly what: string;
  readonly text: string;
  readonly origin: (string | undefined)[];
}

/** The minimal spec around a fragment: per-customer forms, so synth has nothing to warn about. */
const MANAGING_IDENTITY: Record<(typeof CLOUDS)[number], string> = {
  aws: '  aws: { roleArn: "arn:aws:iam::210987654321:role/alien-control" }',
  gcp: '  gcp: { serviceAccountProject: alien-prod }',
  azure: '  azure: { issuer: "https://oidc.alien.dev", subjectPrefix: "system:serviceaccount:alien-customers:" }',
};

/** The lines of a minimal spec's fields; a value starting with a newline is a block below its key. */
function wrapper(fields: Record<string, string | undefined>): string[] {
  return Object.entries(fields)
    .flatMap(([key, value]) => (value === undefined ? [] : [`${key}:${value.startsWith('\n') ? '' : ' '}${value}`]))
    .join('\n')
    .split('\n');
}

function managingIdentity(clouds: readonly string[]): string {
  return `\n${clouds.map((c) => MANAGING_IDENTITY[c as keyof typeof MANAGING_IDENTITY]).join('\n')}`;
}

/** Where each line of `block` is in its file. */
const originOf = (block: DocBlock, line: number) => `${block.file}:${block.line + line}`;

/** The 0-based line of `offset` in `text`. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

/** The spec that runs one documented set: lines `from`..`to` (0-based) of the block's text. */
function setExample(block: DocBlock, set: YAMLMap, from: number, to: number, asListItem: boolean): Example {
  const lines = block.text.split('\n').slice(from, to + 1);
  const body = asListItem ? lines : lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`));
  const id = String(set.get('id'));
  const granted = CLOUDS.filter((c) => set.has(c));
  const clouds = granted.length > 0 ? granted : [...CLOUDS];
  const head = [
    ...wrapper({
      name: 'docs-example',
      version: '1.0.0',
      managingIdentity: managingIdentity(clouds),
      clouds: `[${clouds.join(', ')}]`,
      permissions: `[${JSON.stringify(id)}]`,
    }),
    'customPermissionSets:',
  ];
  return {
    what: `the set ${id} (${originOf(block, from)})`,
    text: `${[...head, ...body].join('\n')}\n`,
    origin: [...head.map(() => undefined), ...body.map((_, i) => originOf(block, from + i))],
  };
}

/** The specs a YAML block documents, or [] for a block that is no spec, fragment or set. */
export function examplesOf(block: DocBlock): Example[] {
  const doc = parseDocument(block.text);
  const contents = doc.contents;
  const asIs = (what: string): Example => ({ what, text: block.text, origin: block.text.split('\n').map((_, i) => originOf(block, i)) });
  // A set has an id and what it grants (or a description of it); nothing else in a spec has an id.
  const isSet = (node: unknown): boolean =>
    isMap(node) && node.has('id') && ['description', 'unsupported', ...CLOUDS].some((k) => node.has(k));
  const setsOf = (seq: unknown, asListItem: boolean): Example[] | undefined => {
    if (!isSeq(seq) || seq.items.length === 0 || !seq.items.every(isSet)) return undefined;
    const starts = seq.items.map((item) => lineAt(block.text, (item as YAMLMap).range![0]));
    const end = lineAt(block.text, seq.range![1] - 1);
    return seq.items.map((item, i) =>
      setExample(block, item as YAMLMap, starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : end, asListItem),
    );
  };

  if (doc.errors.length > 0) {
    // Text that does not parse is an example only if it looks like one; synth then says why.
    return /^(managingIdentity|customPermissionSets|permissions):/m.test(block.text) ? [asIs(`the spec at ${originOf(block, 0)}`)] : [];
  }
  if (isSeq(contents)) return setsOf(contents, true) ?? [];
  if (!isMap(contents)) return [];
  if (isSet(contents))
    return [setExample(block, contents, lineAt(block.text, contents.range![0]), lineAt(block.text, contents.range![1] - 1), false)];
  const keys = contents.items.map((p) => String((p.key as any)?.value ?? p.key));
  if (keys.includes('managingIdentity')) return [asIs(`the spec at ${originOf(block, 0)}`)];
  if (!keys.some((k) => SPEC_KEYS.has(k) && !GENERIC_KEYS.has(k))) return [];
  if (keys.length === 1 && keys[0] === 'customPermissionSets') {
    const sets = setsOf(contents.get('customPermissionSets'), true);
    if (sets) return sets;
  }
  // A fragment of a spec: the minimal spec gives what the fragment does not.
  const custom = contents.get('customPermissionSets');
  const customIds = isSeq(custom) ? (custom.items as unknown[]).filter(isMap).map((s) => JSON.stringify(String(s.get('id')))) : [];
  const given = new Set(keys);
  const head = wrapper({
    name: given.has('name') ? undefined : 'docs-example',
    version: given.has('version') ? undefined : '1.0.0',
    managingIdentity: given.has('managingIdentity') ? undefined : managingIdentity(CLOUDS),
    permissions: given.has('permissions') ? undefined : `[${['logs/read', ...customIds].join(', ')}]`,
  });
  const body = block.text.replace(/\n$/, '').split('\n');
  return [
    {
      what: `the spec fragment at ${originOf(block, 0)}`,
      text: `${[...head, ...body].join('\n')}\n`,
      origin: [...head.map(() => undefined), ...body.map((_, i) => originOf(block, i))],
    },
  ];
}

/** What synth says about `example`, each `FILE:LINE:COL` moved to the line of the Markdown file. */
async function synth(example: Example): Promise<{ code: number; problems: string[]; warnings: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-docs-'));
  const file = join(dir, 'spec.yaml');
  writeFileSync(file, example.text);
  const { code, err } = await run('synth', '--spec', file, '--out', join(dir, 'out'));
  const at = (line: string, col: string) => `${example.origin[Number(line) - 1] ?? `(the minimal spec around it, line ${line})`}:${col}`;
  const located = (line: string) =>
    line
      .split(file)
      .join('spec.yaml')
      .replace(/spec\.yaml:(\d+):(\d+)/g, (_, l, col) => at(l, col));
  const problems = notWarnings(err).map(located);
  const warnings = err
    .split('\n')
    .filter((l) => l.startsWith('warning: '))
    .map(located);
  return { code, problems, warnings };
}

const blocks = docBlocks(ROOT);
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml' || b.lang === 'yml');
const examples = yamlBlocks.flatMap(examplesOf);

describe('every spec and permission set the documentation shows', () => {
  test('is found: docs that describe the spec show at least one whole spec and one custom set, each read here', () => {
    for (const file of docFiles(ROOT).filter((f) => /managingIdentity|customPermissionSets/.test(readFileSync(join(ROOT, f), 'utf8')))) {
      const found = examples.filter((e) => e.origin.some((o) => o?.startsWith(`${file}:`))).map((e) => e.what);
      expect([file, found]).toEqual([
        file,
        expect.arrayContaining([expect.stringMatching(/^the spec at /), expect.stringMatching(/^the set /)]),
      ]);
    }
  });

  test('is in a yaml block, so this test reads it', () => {
    const elsewhere = blocks.filter(
      (b) => !yamlBlocks.includes(b) && /^(managingIdentity|customPermissionSets):|^\s*- id: [a-z0-9-]+\/[a-z0-9-]+\s*$/m.test(b.text),
    );
    expect(elsewhere.map((b) => `${b.file}:${b.line} (${b.lang || 'no language'})`)).toEqual([]);
  });

  const results = new Map<Example, ReturnType<typeof synth>>();
  const synthOnce = (example: Example) => results.get(example) ?? results.set(example, synth(example)).get(example)!;

  // `test.each` refuses an empty table: docs with no example leave only the tests above.
  const each = examples.length > 0 ? test.each(examples.map((e) => [e.what, e] as const)) : () => undefined;

  each('%s synthesizes as written', async (_, example) => {
    const { code, problems } = await synthOnce(example);
    expect({ code, problems }).toEqual({ code: 0, problems: [] });
  });

  // What a vendor copies from the docs should be what synth recommends: no confused-deputy
  // warning (a notice, such as one for a set that reads content, is information, not a fault).
  each('%s draws no warning', async (_, example) => {
    expect((await synthOnce(example)).warnings).toEqual([]);
  });
});

describe('the documentation reader', () => {
  const markdown = [
    '# Doc',
    '',
    '```yaml',
    'a: 1',
    '```',
    '',
    '1. A step:',
    '',
    '   ```yaml',
    '   customPermissionSets:',
    '     - id: x/y',
    '   ```',
    '~~~',
    'b',
    '~~~',
    '',
  ].join('\n');

  test('finds every fenced block, indented ones too, with the line its text starts on', () => {
    expect(fencedBlocks(markdown, 'doc.md')).toEqual([
      { file: 'doc.md', line: 4, lang: 'yaml', text: 'a: 1\n' },
      { file: 'doc.md', line: 10, lang: 'yaml', text: 'customPermissionSets:\n  - id: x/y\n' },
      { file: 'doc.md', line: 14, lang: '', text: 'b\n' },
    ]);
  });

  test('wraps each set of a customPermissionSets block in a spec of its own, naming only its clouds', () => {
    const [block] = fencedBlocks(
      [
        '```yaml',
        'customPermissionSets:',
        '  - id: a/b   # AWS',
        '    description: A.',
        '    aws: [{ actions: [s3:GetObject], resources: ["*"] }]',
        '  - id: c/d',
        '    description: C.',
        '    gcp: { permissions: [storage.objects.get], projectWide: why }',
        '```',
      ].join('\n'),
      'doc.md',
    );
    const [aws, gcp] = examplesOf(block);
    expect(aws.what).toBe('the set a/b (doc.md:3)');
    expect(aws.text).toMatch(
      /clouds: \[aws\]\npermissions: \["a\/b"\]\ncustomPermissionSets:\n {2}- id: a\/b {3}# AWS\n {4}description: A\.\n {4}aws: .*\n$/,
    );
    expect(aws.text).not.toMatch(/gcp|c\/d/);
    expect(aws.origin.slice(-3)).toEqual(['doc.md:3', 'doc.md:4', 'doc.md:5']);
    expect(gcp.text).toMatch(/clouds: \[gcp\]\npermissions: \["c\/d"\]\ncustomPermissionSets:\n {2}- id: c\/d\n/);
  });

  test('leaves other YAML alone: a GCP org policy is no spec', () => {
    const [block] = fencedBlocks(
      [
        '```yaml',
        'name: projects/p/policies/iam.allowedPolicyMemberDomains',
        'spec:',
        '  rules: [{ values: { allowedValues: [C0] } }]',
        '```',
      ].join('\n'),
      'doc.md',
    );
    expect(examplesOf(block)).toEqual([]);
  });
});
