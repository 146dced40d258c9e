import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog, builtInCatalog } from '../../lib/catalog/catalog';
import { catalogPage } from '../../lib/catalog/catalog-page';

const PAGE = join(__dirname, '..', '..', 'docs', 'catalog.md');

describe('the catalog reference (docs/catalog.md)', () => {
  test('is exactly what lib/catalog/catalog-page.ts generates from the catalog (UPDATE_DOCS=1 rewrites it)', () => {
    const generated = catalogPage(builtInCatalog());
    if (process.env.UPDATE_DOCS === '1') writeFileSync(PAGE, generated);
    expect(readFileSync(PAGE, 'utf8')).toBe(generated);
  });

  test('has a row per set, linking its file, and the reasons a reviewer reads', () => {
    const page = catalogPage(builtInCatalog());
    for (const set of builtInCatalog().sets) expect(page).toContain(`\n| [\`${set.id}\`](../lib/catalog/sets/${set.id}.yaml) `);
    const privileged = builtInCatalog().sets.find((s) => s.privileged && !/[*<>]/.test(s.privilegedReason!))!;
    expect(page).toContain(`- \`${privileged.id}\`: ${privileged.privilegedReason!.replace(/\s+/g, ' ').trim()}`);
  });

  test('follows the sets: a set changed in its file changes the page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-page-'));
    mkdirSync(join(dir, 'reports'));
    const set = (actions: string) =>
      [
        'id: reports/send',
        'description: Send reports | with a pipe.',
        'aws:',
        `  - actions: [${actions}]`,
        '    resources: ["arn:${partition}:sqs:${region}:${account}:${prefix}-reports"]',
        'gcp:',
        '  permissions: [pubsub.topics.publish]',
        '  projectWide: Pub/Sub ignores IAM conditions on topic names.',
        'unsupported: { azure: "No <queue> here." }',
      ].join('\n');
    writeFileSync(join(dir, 'reports', 'send.yaml'), set('sqs:SendMessage'));
    const row = (page: string) =>
      page
        .split('\n')
        .find((l) => l.startsWith('| [`reports/send`]'))!
        .replace(/ +/g, ' ');
    const before = catalogPage(new Catalog(dir));
    expect(row(before)).toBe(
      '| [`reports/send`](../lib/catalog/sets/reports/send.yaml) | 1 action | 1 permission, project-wide | — | | Send reports \\| with a pipe. |',
    );
    expect(before).toContain('- `reports/send`, Azure: No \\<queue\\> here.');
    writeFileSync(join(dir, 'reports', 'send.yaml'), set('sqs:SendMessage, sqs:GetQueueUrl'));
    expect(row(catalogPage(new Catalog(dir)))).toContain('| 2 actions | 1 permission, project-wide |');
  });
});
