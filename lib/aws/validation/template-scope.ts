import type { CharacterRanges } from './pattern-characters';
import { expect } from './not-proven';

/** The resource types this tool emits, and the attributes of each that yield a string. */
export const RESOURCE_ATTRIBUTES = {
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::IAM::ManagedPolicy': ['PolicyArn'],
  'AWS::IAM::OIDCProvider': ['Arn'],
  'AWS::IAM::InstanceProfile': ['Arn'],
  // The registration custom resource: its attributes are whatever the vendor answers, never read.
  'Custom::AlienRegistration': [],
} as const;
export type ResourceType = keyof typeof RESOURCE_ATTRIBUTES;

/** What a String parameter can hold: its longest length and its characters, when known. */
export interface ParameterValues {
  /** Whether the parameter admits a value (for a declared parameter). */
  readonly admits?: (value: unknown) => boolean;
  readonly maxLength?: number;
  readonly characters?: CharacterRanges;
}

/** Constraints a string property puts on its value, from the resource's provider schema. */
export interface StringRule {
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Tests one character. */
  readonly character?: RegExp;
  /** Tests a whole literal value. */
  readonly pattern?: RegExp;
}

/** The template's declarations, and what has been read of them. */
export class TemplateScope {
  readonly parameters = new Map<string, ParameterValues>();
  readonly resources = new Map<string, { readonly type: ResourceType; readonly condition?: string }>();
  readonly conditions = new Set<string>();
  /** Parameters and conditions read anywhere (an unread one draws a validator warning). */
  readonly read = new Set<string>();
  /** The resources each resource reads, for the cycle check. */
  readonly dependencies = new Map<string, Set<string>>();

  /** Fails unless the resources' references form no cycle. */
  expectAcyclic(): void {
    const done = new Set<string>();
    const visit = (id: string, path: readonly string[]): void => {
      expect(!path.includes(id), `Resources.${id}`, `circular reference ${[...path, id].join(' → ')}`);
      if (done.has(id)) return;
      for (const next of this.dependencies.get(id) ?? []) visit(next, [...path, id]);
      done.add(id);
    };
    for (const id of this.resources.keys()) visit(id, []);
  }
}
