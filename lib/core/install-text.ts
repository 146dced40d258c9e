import type { Cloud } from './variables';
import { code, shown } from './markdown';

/**
 * What every cloud's install steps (INSTALL.md, lib/<cloud>/review.ts) share: the release
 * folder's review page, the words on upgrading, and the inputs and outputs as the release's own
 * templates declare them.
 */

/** The permissions review's file name inside a release folder. */
export const REVIEW_FILE = 'PERMISSIONS.md';

/** A release folder's files, as the install steps read them: path → bytes. */
export type ReleaseText = ReadonlyMap<string, string>;

/** A CloudFormation parameter or a Terraform variable or output, as the release declares it. */
export interface Declared {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/** Before any upgrade: what the customer reads, on every cloud. */
export const BEFORE_UPGRADE = `Before moving to a newer release, read its ${code(REVIEW_FILE)} and the vendor's release notes (\`alien-trust diff\` of this release and the new one: every grant added or removed, any trust change, and any resource that would be replaced rather than updated; the identity keeps its name unless the diff lists a replacement).`;

/** Moving a Terraform configuration to a newer release's folder. */
export const TERRAFORM_UPGRADE =
  "Then point Terraform at the new release's folder (the `source` of your module block, or the new folder's root with your state), run `terraform init -upgrade`, read `terraform plan` and apply.";

/** `terraform init` and `apply` with every variable the root requires, then its variables and outputs. */
export function terraformApply(cloud: Cloud, root: Record<string, unknown> | undefined, sendBack: string | undefined): string[] {
  const variables = Object.entries((root?.variable ?? {}) as Record<string, { default?: unknown; description?: string }>).map(
    ([name, v]): Declared => ({ name, description: text(v.description ?? ''), required: v.default === undefined }),
  );
  const outputs = Object.entries((root?.output ?? {}) as Record<string, { description?: string }>).map(([name, o]) => ({
    name,
    description: text(o.description ?? ''),
  }));
  const vars = variables.filter((v) => v.required).map((v) => `-var '${v.name}=${shown(v.name)}'`);
  return [
    '```sh',
    `cd ${cloud}`,
    'terraform init',
    `terraform apply${vars.length > 0 ? ` ${vars.join(' \\\n  ')}` : ''}`,
    sendBack ? `terraform output ${sendBack}` : 'terraform output',
    '```',
    '',
    'Variables:',
    '',
    ...variables.map((v) => `- ${code(v.name)}${v.required ? '' : ' (optional)'}: ${v.description}`),
    '',
    'Outputs:',
    '',
    ...outputs.map((o) => `- ${code(o.name)}: ${o.description}`),
    '',
  ];
}

/** A template's free text in Markdown: `<prefix>` shown as written, not read as an HTML tag. */
export function text(description: string): string {
  return description.replace(/[<>]/g, (c) => `\\${c}`);
}

export function outputNames(template: Record<string, unknown> | undefined): string[] {
  return Object.keys((template?.Outputs ?? {}) as Record<string, unknown>);
}

export function parse(files: ReleaseText, path: string): Record<string, unknown> | undefined {
  const text = files.get(path);
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
}

/** The Upgrade and Revoke steps of a cloud the customer applies with Terraform alone. */
export function terraformUpgradeAndRevoke(revoke: string): string[] {
  return ['### Upgrade', '', `${BEFORE_UPGRADE} ${TERRAFORM_UPGRADE}`, '', '### Revoke', '', revoke, ''];
}
