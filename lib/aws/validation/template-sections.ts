import { patternCharacters } from './pattern-characters';
import { child, expect, expectKeys, isObject, NotProven } from './not-proven';
import type { TemplateScope } from './template-scope';
import { ValueReader } from './value-reader';

/** Logical ids, parameter and output names: alphanumeric, at most 255 characters. */
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

/** Each entry of a section, after checking the section is an object of at most `limit` entries. */
export function entries(section: unknown, at: string, limit: number): [string, unknown][] {
  expect(isObject(section), at, 'not an object');
  const list = Object.entries(section);
  expect(list.length <= limit, at, `more than ${limit} entries`);
  for (const [id] of list) expect(LOGICAL_ID.test(id), child(at, id), 'not an alphanumeric name of at most 255 characters');
  return list;
}

/**
 * String parameters, each with a Default that meets its own constraints (the validator checks
 * the Default against AllowedPattern and the lengths).
 */
export function declareParameters(section: unknown, scope: TemplateScope): void {
  for (const [id, parameter] of entries(section, 'Parameters', 200)) {
    const at = child('Parameters', id);
    expectKeys(
      parameter,
      at,
      ['Type', 'Description', 'Default', 'AllowedPattern', 'ConstraintDescription', 'MinLength', 'MaxLength'],
      ['Type'],
    );
    expect(parameter.Type === 'String', child(at, 'Type'), 'not String');
    for (const key of ['Description', 'ConstraintDescription'] as const) {
      if (key in parameter)
        expect(
          typeof parameter[key] === 'string' && (parameter[key] as string).length <= 4000,
          child(at, key),
          'not text of at most 4,000 characters',
        );
    }
    const min = 'MinLength' in parameter ? parameter.MinLength : 0;
    const max = parameter.MaxLength;
    expect(Number.isInteger(min) && (min as number) >= 0, child(at, 'MinLength'), 'not a whole number');
    expect(
      !('MaxLength' in parameter) || (Number.isInteger(max) && (max as number) >= (min as number)),
      child(at, 'MaxLength'),
      'not a whole number at least MinLength',
    );
    const admits = parameterTest(parameter, at, min as number, max as number | undefined);
    if ('Default' in parameter) expect(admits(parameter.Default), child(at, 'Default'), 'not a value the parameter admits');
    scope.parameters.set(id, {
      admits,
      maxLength: max as number | undefined,
      characters: typeof parameter.AllowedPattern === 'string' ? patternCharacters(parameter.AllowedPattern) : undefined,
    });
  }
}

/**
 * Whether a value is one the parameter admits: text within its lengths matching its pattern.
 * The validator checks a Default this way, even an empty one, and reasons the same way about
 * a condition comparing the parameter with a literal.
 */
function parameterTest(parameter: Record<string, unknown>, at: string, min: number, max: number | undefined): (value: unknown) => boolean {
  let pattern: RegExp | undefined;
  if ('AllowedPattern' in parameter) {
    expect(typeof parameter.AllowedPattern === 'string', child(at, 'AllowedPattern'), 'not text');
    try {
      pattern = new RegExp(parameter.AllowedPattern, 'u');
    } catch {
      throw new NotProven(child(at, 'AllowedPattern'), 'not a regular expression');
    }
  }
  return (value) =>
    typeof value === 'string' && value.length >= min && value.length <= (max ?? Infinity) && (pattern === undefined || pattern.test(value));
}

/**
 * Conditions of the one form this tool writes: Fn::Equals of a parameter and a literal the
 * parameter admits (the validator warns of a comparison that is always true or always false).
 */
export function declareConditions(section: unknown, scope: TemplateScope): void {
  for (const [id, condition] of entries(section, 'Conditions', 200)) {
    const at = child(child('Conditions', id), 'Fn::Equals');
    expectKeys(condition, child('Conditions', id), ['Fn::Equals'], ['Fn::Equals']);
    const operands = condition['Fn::Equals'];
    expect(Array.isArray(operands) && operands.length === 2, at, 'not two operands');
    const literal = operands.find((o) => typeof o === 'string');
    const ref = operands.find((o) => typeof o !== 'string');
    expect(typeof literal === 'string' && ref !== undefined, at, 'not a parameter and a literal');
    expectKeys(ref, at, ['Ref'], ['Ref']);
    const parameter = typeof ref.Ref === 'string' ? scope.parameters.get(ref.Ref) : undefined;
    expect(parameter?.admits !== undefined, at, 'Ref to something other than a parameter');
    expect(parameter.admits(literal), at, `${literal} is not a value ${ref.Ref} admits`);
    scope.read.add(ref.Ref as string);
    scope.conditions.add(id);
  }
}

/** The console's parameter form: groups and labels of declared parameters only. */
export function expectMetadata(section: unknown, scope: TemplateScope): void {
  expectKeys(section, 'Metadata', ['AWS::CloudFormation::Interface'], ['AWS::CloudFormation::Interface']);
  const at = 'Metadata.AWS::CloudFormation::Interface';
  const form = section['AWS::CloudFormation::Interface'];
  expectKeys(form, at, ['ParameterGroups', 'ParameterLabels']);
  const label = (value: unknown, where: string): void => {
    expectKeys(value, where, ['default'], ['default']);
    expect(typeof value.default === 'string' && !value.default.includes('${'), child(where, 'default'), 'not text');
  };
  const parameter = (id: unknown, where: string): void =>
    expect(typeof id === 'string' && scope.parameters.has(id), where, 'not a declared parameter');
  if ('ParameterGroups' in form) {
    const groups = form.ParameterGroups;
    expect(Array.isArray(groups), child(at, 'ParameterGroups'), 'not a list');
    groups.forEach((group, i) => {
      const where = child(child(at, 'ParameterGroups'), i);
      expectKeys(group, where, ['Label', 'Parameters'], ['Parameters']);
      if ('Label' in group) label(group.Label, child(where, 'Label'));
      expect(Array.isArray(group.Parameters), child(where, 'Parameters'), 'not a list');
      for (const id of group.Parameters) parameter(id, child(where, 'Parameters'));
    });
  }
  if ('ParameterLabels' in form) {
    for (const [id, value] of entries(form.ParameterLabels, child(at, 'ParameterLabels'), 200)) {
      parameter(id, child(child(at, 'ParameterLabels'), id));
      label(value, child(child(at, 'ParameterLabels'), id));
    }
  }
}

/** Outputs: a string Value, an optional Description, under an optional declared Condition. */
export function expectOutputs(section: unknown, scope: TemplateScope): void {
  for (const [id, output] of entries(section, 'Outputs', 200)) {
    const at = child('Outputs', id);
    expectKeys(output, at, ['Description', 'Value', 'Condition'], ['Value']);
    if ('Description' in output)
      expect(
        typeof output.Description === 'string' && output.Description.length <= 1024 && !output.Description.includes('${'),
        child(at, 'Description'),
        'not text of at most 1,024 characters',
      );
    let condition: string | undefined;
    if ('Condition' in output) {
      expect(
        typeof output.Condition === 'string' && scope.conditions.has(output.Condition),
        child(at, 'Condition'),
        'not a declared condition',
      );
      condition = output.Condition;
      scope.read.add(condition);
    }
    ValueReader.of(scope, undefined, condition).string(output.Value, child(at, 'Value'), {}, true);
  }
}
