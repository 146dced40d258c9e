/**
 * Small changes to a CloudFormation template, for comparing the proof of validity with the
 * validator: at every node (the first two items of each list), delete it, replace it with a
 * value from a pool of wrong and right values, add a stray key, repeat a list's first item, and
 * for text: lengthen it to each limit the schemas use, append characters and variables, raise
 * its case, wrap it in Fn::Sub; for numbers: step over the limits.
 */
export interface Mutation {
  readonly what: string;
  readonly template: unknown;
}

type Path = readonly (string | number)[];

const REPLACEMENTS: readonly unknown[] = [
  '',
  'x',
  'Bad Value!',
  0,
  1,
  -1,
  99999,
  1.5,
  true,
  null,
  [],
  {},
  ['x', 'x'],
  'y'.repeat(1300),
  'arn:aws:iam::123456789012:role/x',
  '2012-10-17',
  '*',
  { Ref: 'ResourcePrefix' },
  { Ref: 'Missing' },
  { Ref: 'TrustRole' },
  { Ref: 'Permissions1' },
  { Ref: 'OidcProvider' },
  { Ref: 'AWS::Region' },
  { Ref: 'AWS::NoValue' },
  { 'Fn::GetAtt': ['Permissions1', 'PolicyArn'] },
  { 'Fn::GetAtt': ['TrustRole', 'RoleId'] },
  { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Permissions1}' },
  { 'Fn::Sub': '${Missing}-x' },
  { 'Fn::Sub': 'a-${ResourcePrefix}' },
  { 'Fn::Sub': '${TrustRole.Arn}' },
  { 'Fn::Sub': '${TrustRole.Nope}' },
  { 'Fn::Sub': ['${X}', { X: 'a' }] },
  { 'Fn::Join': ['', ['a', 'b']] },
  { 'Fn::GetAtt': ['TrustRole', 'Arn'] },
  { 'Fn::GetAtt': ['TrustRole', 'Nope'] },
  { 'Fn::GetAtt': ['Missing', 'Arn'] },
  { 'Fn::If': ['NoSuchCondition', 'a', 'b'] },
  { 'Fn::If': ['CreateOidcProvider', 'a', 'b'] },
  { Bogus: 'x' },
];
const TEXT_LENGTHS = [63, 64, 65, 127, 128, 129, 255, 256, 511, 512, 513, 999, 1000, 1001, 1024, 1025];
const APPENDED = [
  'é',
  '…',
  '\u0001',
  '\t',
  ' ',
  '}',
  '{',
  '$',
  '${AWS::StackName}',
  '${TrustRole}',
  '${TrustRole.Arn}',
  '${AWS::Region}',
  '${ResourcePrefix}',
  '*',
  ':',
  '/',
];
const NUMBER_STEPS = [-1, 1, 39600, 39601];

function at(node: unknown, path: Path): unknown {
  return path.reduce<any>((n, key) => n[key], node);
}

/**
 * The template with the node at `path` changed by `change` (undefined deletes it). Only the
 * nodes along the path are copied; the rest is shared, as nothing here changes a template.
 */
function changed(node: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(node);
  const [key, ...rest] = path;
  const copy: any = Array.isArray(node) ? [...node] : { ...(node as object) };
  const value = changed(copy[key], rest, change);
  if (value !== undefined) copy[key] = value;
  else if (Array.isArray(copy)) copy.splice(key as number, 1);
  else delete copy[key];
  return copy;
}

const replaced = (template: unknown, path: Path, value: unknown): unknown => changed(template, path, () => value);
const deleted = (template: unknown, path: Path): unknown => changed(template, path, () => undefined);

function paths(node: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(node)) node.slice(0, 2).forEach((item, i) => found.push(...paths(item, [...prefix, i])));
  else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) found.push(...paths(value, [...prefix, key]));
  return found;
}

export function* templateMutations(template: unknown): Generator<Mutation> {
  for (const path of paths(template)) {
    const where = path.join('.') || '(root)';
    const node = at(template, path);
    if (path.length > 0) yield { what: `delete ${where}`, template: deleted(template, path) };
    for (const value of REPLACEMENTS)
      yield { what: `${where} = ${JSON.stringify(value).slice(0, 40)}`, template: replaced(template, path, value) };
    if (node && typeof node === 'object' && !Array.isArray(node))
      yield { what: `add ${where}.Bogus`, template: replaced(template, [...path, 'Bogus'], 'x') };
    if (Array.isArray(node) && node.length > 0) yield { what: `repeat ${where}.0`, template: replaced(template, path, [...node, node[0]]) };
    if (typeof node === 'string') {
      for (const length of TEXT_LENGTHS)
        if (length > node.length)
          yield { what: `${where} lengthened to ${length}`, template: replaced(template, path, node + 'x'.repeat(length - node.length)) };
      for (const extra of APPENDED) yield { what: `${where} + ${JSON.stringify(extra)}`, template: replaced(template, path, node + extra) };
      yield { what: `${where} upper-cased`, template: replaced(template, path, node.toUpperCase()) };
      yield { what: `${where} in Fn::Sub`, template: replaced(template, path, { 'Fn::Sub': node }) };
    }
    if (typeof node === 'number')
      for (const step of NUMBER_STEPS) yield { what: `${where} + ${step}`, template: replaced(template, path, node + step) };
  }
}
