import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trustFormsTable } from '../../lib/review/trust-forms-page';

const PAGE = join(__dirname, '..', '..', 'docs', 'security-review.md');
const BLOCK = /(<!-- trust-forms:start -->\n)([^]*?)(\n<!-- trust-forms:end -->)/;

describe("the security review's table of trust forms", () => {
  test('is exactly what lib/review/trust-forms-page.ts generates from the forms (UPDATE_DOCS=1 rewrites it)', () => {
    const page = readFileSync(PAGE, 'utf8');
    const generated = trustFormsTable();
    if (process.env.UPDATE_DOCS === '1')
      writeFileSync(
        PAGE,
        page.replace(BLOCK, (_m, start, _old, end) => `${start}${generated}${end}`),
      );
    expect(BLOCK.exec(readFileSync(PAGE, 'utf8'))?.[2]).toBe(generated);
  });

  test('has a row per form, naming what diff reads', () => {
    const rows = trustFormsTable().split('\n').slice(2);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.includes('`oidc`') && r.startsWith('| GCP'))).toContain('`google_iam_workload_identity_pool_provider`');
  });
});
