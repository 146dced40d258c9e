import { CLOUD_PROVIDERS } from '../clouds/registry';
import { code } from '../core/markdown';
import { CLOUD_NAMES, CLOUDS } from '../core/variables';

/**
 * Every trust form as the code defines it, for the security reviewer (docs/security-review.md,
 * between `<!-- trust-forms:start -->` and `<!-- trust-forms:end -->`, test-guarded): per cloud
 * each form, how the vendor gets in, which resources `diff` reads its trust from, and which
 * changes an upgrade would apply by replacing a resource.
 */
export function trustFormsTable(): string {
  const rows = CLOUDS.flatMap((cloud) => {
    const provider = CLOUD_PROVIDERS[cloud];
    const shared = Object.keys(provider.trustReaders[provider.diffReads] ?? {});
    return Object.values(provider.forms).map((form) => {
      const read = [...shared, ...Object.keys(form.trustReaders[provider.diffReads] ?? {})];
      const replaced = [...Object.entries(form.replacing.cloudformation ?? {}), ...Object.entries(form.replacing.terraform ?? {})].map(
        ([type, rule]) => `${code(type)} (${('properties' in rule ? rule.properties : rule.arguments).join(', ')})`,
      );
      return `| ${CLOUD_NAMES[cloud]} | ${code(form.kind)} | ${form.summary} | ${read.map(code).join(', ')} | ${replaced.length > 0 ? replaced.join(', ') : "none of the form's own"} |`;
    });
  });
  return [
    "| cloud | form | how the vendor gets in | `diff` reads the trust from | the form's own resources an upgrade replaces when these change |",
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
