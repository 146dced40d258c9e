import type { Variable } from '../core/variables';
import type { Template } from './trust-model';

/** Renders a template, mapping each variable to its cloud's syntax (or to a concrete value). */
export function renderTemplate(template: Template, variable: (name: Variable) => string): string {
  return template.map((part) => ('text' in part ? part.text : variable(part.variable))).join('');
}

/** The template as the spec wrote it: `arn:${partition}:s3:::${prefix}-*`. */
export function templateSource(template: Template): string {
  return renderTemplate(template, (name) => `\${${name}}`);
}

export function hasVariables(template: Template): boolean {
  return template.some((part) => 'variable' in part);
}
