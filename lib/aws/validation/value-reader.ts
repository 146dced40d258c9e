import { AWS_LONGEST_REGION } from '../../core/names';
import { rangesWithin } from './pattern-characters';
import { child, expect, isObject, NotProven } from './not-proven';
import { type ParameterValues, RESOURCE_ATTRIBUTES, type ResourceType, type StringRule, type TemplateScope } from './template-scope';

/**
 * The pseudo parameters a string may read, with their longest value and characters in any
 * partition (`aws-us-gov`, the longest region names).
 */
const PSEUDO_PARAMETERS: Record<string, ParameterValues> = {
  'AWS::AccountId': { maxLength: 12, characters: [[0x30, 0x39]] },
  'AWS::Partition': {
    maxLength: 'aws-us-gov'.length,
    characters: [
      [0x61, 0x7a],
      [0x2d, 0x2d],
    ],
  },
  'AWS::Region': {
    maxLength: AWS_LONGEST_REGION.length,
    characters: [
      [0x61, 0x7a],
      [0x30, 0x39],
      [0x2d, 0x2d],
    ],
  },
  'AWS::URLSuffix': {
    maxLength: 20,
    characters: [
      [0x61, 0x7a],
      [0x2e, 0x2e],
    ],
  },
};

/**
 * Reads values where CloudFormation expects a string: a literal, or an intrinsic function that
 * yields one (Ref, Fn::Sub in its one-string form, Fn::GetAtt, and Fn::If where allowed).
 */
export class ValueReader {
  /** A reader for values inside `resource` (or outside any), evaluated under `condition`. */
  static of(
    scope: TemplateScope,
    resource?: string,
    condition = resource === undefined ? undefined : scope.resources.get(resource)?.condition,
  ): ValueReader {
    return new ValueReader(scope, resource, condition);
  }

  constructor(
    private readonly scope: TemplateScope,
    private readonly resource: string | undefined,
    /** The condition under which the value is evaluated: the resource's or an Fn::If branch's. */
    private readonly condition: string | undefined,
  ) {}

  string(value: unknown, at: string, rule: StringRule = {}, allowIf = false): void {
    if (typeof value === 'string') return this.literal(value, at, rule);
    expect(isObject(value) && Object.keys(value).length === 1, at, 'not a string or a single intrinsic function');
    const [name, argument] = Object.entries(value)[0];
    switch (name) {
      case 'Ref':
        return this.ref(argument, at, rule);
      case 'Fn::Sub':
        return this.sub(argument, child(at, name), rule);
      case 'Fn::GetAtt':
        return this.getAtt(argument, child(at, name), rule);
      case 'Fn::If':
        expect(allowIf, at, 'Fn::If where this tool never writes one');
        return this.conditional(argument, child(at, name), rule);
      default:
        throw new NotProven(at, `${name} is not an intrinsic function this tool writes`);
    }
  }

  private literal(value: string, at: string, rule: StringRule): void {
    // A `${…}` outside Fn::Sub draws a validator error when it names a parameter.
    expect(!value.includes('${'), at, 'a literal holding ${');
    expect(value.length >= (rule.minLength ?? 0), at, `shorter than ${rule.minLength}`);
    expect(value.length <= (rule.maxLength ?? Infinity), at, `longer than ${rule.maxLength}`);
    if (rule.character)
      expect(
        [...value].every((c) => rule.character!.test(c)),
        at,
        `a character outside ${rule.character}`,
      );
    if (rule.pattern) expect(rule.pattern.test(value), at, `does not match ${rule.pattern}`);
  }

  private ref(target: unknown, at: string, rule: StringRule): void {
    expect(typeof target === 'string', at, 'Ref to a non-string');
    expect(rule.pattern === undefined, at, 'Ref where the value must match a pattern');
    const values = this.readName(target, at);
    expect((rule.minLength ?? 0) === 0, at, 'Ref where a minimum length applies');
    this.expectFits(values ? [values] : undefined, 0, at, rule);
  }

  private getAtt(argument: unknown, at: string, rule: StringRule): void {
    expect(
      Array.isArray(argument) && argument.length === 2 && argument.every((a) => typeof a === 'string'),
      at,
      'not [resource, attribute]',
    );
    const [id, attribute] = argument as [string, string];
    this.readResourceAttribute(id, attribute, at);
    expect(
      rule.pattern === undefined && (rule.minLength ?? 0) === 0 && rule.maxLength === undefined && rule.character === undefined,
      at,
      'Fn::GetAtt where the value is constrained',
    );
  }

  private sub(argument: unknown, at: string, rule: StringRule): void {
    expect(typeof argument === 'string', at, 'Fn::Sub in a form this tool never writes');
    const parts = subParts(argument, at);
    const readValues: (ParameterValues | undefined)[] = [];
    for (const name of parts.variables) {
      const [id, attribute] = name.split('.', 2);
      if (attribute === undefined) readValues.push(this.readName(id, at));
      else {
        this.readResourceAttribute(id, attribute, at);
        readValues.push(undefined);
      }
    }
    const text = parts.literals.join('');
    if (rule.character)
      expect(
        [...text].every((c) => rule.character!.test(c)),
        at,
        `a character outside ${rule.character}`,
      );
    if (rule.pattern) expect(rule.pattern.test(parts.sample), at, `its sample ${parts.sample} does not match ${rule.pattern}`);
    expect(text.length >= (rule.minLength ?? 0), at, `shorter than ${rule.minLength} without its variables`);
    this.expectFits(readValues, text.length, at, rule);
  }

  /** Fn::If on a declared condition, each branch a string. */
  private conditional(argument: unknown, at: string, rule: StringRule): void {
    expect(Array.isArray(argument) && argument.length === 3 && typeof argument[0] === 'string', at, 'not [condition, then, else]');
    const [condition, whenTrue, whenFalse] = argument as [string, unknown, unknown];
    expect(this.scope.conditions.has(condition), at, `condition ${condition} is not declared`);
    this.scope.read.add(condition);
    new ValueReader(this.scope, this.resource, condition).string(whenTrue, child(at, 1), rule);
    new ValueReader(this.scope, this.resource, this.condition).string(whenFalse, child(at, 2), rule);
  }

  /** A Ref or Fn::Sub name: a parameter, a pseudo parameter or a resource. */
  private readName(name: string, at: string): ParameterValues | undefined {
    if (PSEUDO_PARAMETERS[name]) return PSEUDO_PARAMETERS[name];
    if (this.scope.parameters.has(name)) {
      this.scope.read.add(name);
      return this.scope.parameters.get(name);
    }
    this.readResource(name, at);
    return undefined;
  }

  private readResourceAttribute(id: string, attribute: string, at: string): void {
    const type = this.readResource(id, at);
    expect((RESOURCE_ATTRIBUTES[type] as readonly string[]).includes(attribute), at, `${type} has no string attribute ${attribute}`);
  }

  /**
   * A resource may be read where it exists: a conditional resource only under its own condition
   * (otherwise the validator warns that it may not exist).
   */
  private readResource(id: string, at: string): ResourceType {
    const declared = this.scope.resources.get(id);
    expect(declared !== undefined, at, `${id} is not a parameter, pseudo parameter or resource`);
    expect(
      declared.condition === undefined || declared.condition === this.condition,
      at,
      `${id} exists only under condition ${declared.condition}`,
    );
    if (this.resource !== undefined) {
      const reads = this.scope.dependencies.get(this.resource) ?? new Set<string>();
      reads.add(id);
      this.scope.dependencies.set(this.resource, reads);
    }
    return declared.type;
  }

  /** The longest value and its characters, given the literal length and each read value. */
  private expectFits(
    values: readonly (ParameterValues | undefined)[] | undefined,
    literalLength: number,
    at: string,
    rule: StringRule,
  ): void {
    if (rule.maxLength === undefined && rule.character === undefined) return;
    expect(values !== undefined && values.every((v) => v !== undefined), at, 'reads a resource where the value is constrained');
    const read = values as readonly ParameterValues[];
    if (rule.maxLength !== undefined) {
      const longest = read.reduce((sum, v) => sum + (v.maxLength ?? Infinity), literalLength);
      expect(longest <= rule.maxLength, at, `may reach ${longest} characters, over ${rule.maxLength}`);
    }
    if (rule.character) {
      for (const v of read)
        expect(
          v.characters !== undefined && rangesWithin(v.characters, rule.character),
          at,
          `reads a value whose characters may fall outside ${rule.character}`,
        );
    }
  }
}

/** Sample values that stand for each variable when a Sub string is matched against a pattern. */
const SAMPLES: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** The literal text and the variables of an Fn::Sub string (`${!x}` is the literal `${x}`). */
export function subParts(text: string, at: string): { literals: string[]; variables: string[]; sample: string } {
  const literals: string[] = [];
  const variables: string[] = [];
  let sample = '';
  let rest = text;
  for (;;) {
    const start = rest.indexOf('${');
    if (start < 0) break;
    const end = rest.indexOf('}', start);
    expect(end > start, at, 'an unclosed ${');
    const name = rest.slice(start + 2, end);
    // A `${!…}` stays literal, and the validator reads it as such; this tool never writes one.
    expect(/^[A-Za-z0-9]+(::[A-Za-z0-9]+)?(\.[A-Za-z0-9]+)?$/.test(name), at, `\${${name}} is not a variable this tool writes`);
    literals.push(rest.slice(0, start));
    variables.push(name);
    sample += rest.slice(0, start) + (SAMPLES[name] ?? 'x');
    rest = rest.slice(end + 1);
  }
  literals.push(rest);
  sample += rest;
  return { literals, variables, sample };
}
