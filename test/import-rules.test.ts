import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const LIB = join(__dirname, '..', 'lib');
const sources = readdirSync(LIB, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ path: relative(LIB, join(LIB, f)).split('\\').join('/'), text: readFileSync(join(LIB, f), 'utf8') }));

const imports = (text: string) => [...text.matchAll(/(?:from|require\()\s*'([^']+)'/g)].map((m) => m[1]);

describe('import rules', () => {
  test('reads some sources', () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  test('provider resources are imported by deep path, never from the package root', () => {
    const rootImports = sources.flatMap((s) =>
      imports(s.text)
        .filter((i) => /^@cdktf\/provider-[a-z]+$/.test(i))
        .map((i) => `${s.path}: ${i}`),
    );
    expect(rootImports).toEqual([]);
  });

  test("cdktf is imported only by the Terraform renderers (GCP, Azure, AWS Terraform and the AWS forms' Terraform parts), their shared helpers and the cdktf app", () => {
    const outside = sources
      .filter(
        (s) =>
          !/^(gcp|azure|terraform|aws\/terraform)\/|^aws\/forms\/[^/]+\/terraform\.ts$|^aws\/forms\/aws-trust-form\.ts$/.test(s.path) &&
          s.path !== 'cli/cdktf-app.ts',
      )
      .flatMap((s) =>
        imports(s.text)
          .filter((i) => i === 'cdktf' || i.startsWith('@cdktf/'))
          .map((i) => `${s.path}: ${i}`),
      );
    expect(outside).toEqual([]);
  });
});
