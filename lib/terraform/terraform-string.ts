import type { Variable } from '../core/variables';
import type { Template } from '../model/trust-model';

/**
 * Text from the spec as a Terraform string that Terraform will not evaluate: `${` and `%{`
 * start interpolations and directives, so they are written `$${` and `%%{`.
 */
export function tfLiteral(text: string): string {
  // A function replacement: in a replacement string, "$$" would itself mean one "$".
  return text.replace(/[$%]\{/g, (opener) => opener[0] + opener);
}

/**
 * A template whose literal parts are escaped and whose variables become Terraform
 * references (cdktf tokens such as `prefix.stringValue`).
 */
export function tfTemplate(template: Template, reference: (name: Variable) => string): string {
  return template.map((part) => ('text' in part ? tfLiteral(part.text) : reference(part.variable))).join('');
}
