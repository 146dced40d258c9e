import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { fixturePath, modelFromText, VALID_SPEC, wholeCatalogSpec } from '../support/fixtures';

/**
 * The generated Terraform checked against the providers' own schemas, as recorded from their Go
 * source at the lowest version each pin admits (test/fixtures/provider-schemas, README there):
 * an argument that does not exist, is computed-only, deprecated, missing, combined with one it
 * conflicts with, or a literal the provider's validator refuses fails here rather than at a
 * customer's `terraform plan`.
 */

// ---------------------------------------------------------------------------------------------
// The recorded schemas

type Validator = {
  regex?: string;
  notRegex?: string;
  stringLenBetween?: [number, number];
  stringInSlice?: string[];
  ignoreCase?: boolean;
  stringNotInSlice?: string[];
  intBetween?: [number, number];
  anyOf?: Validator[];
  unexpressed?: string;
  from?: string;
  note?: string;
};

interface Argument {
  type: 'string' | 'bool' | 'int' | 'float' | 'list' | 'set' | 'map' | 'block';
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  forceNew?: boolean;
  deprecated?: string;
  conflictsWith?: string[];
  exactlyOneOf?: string[];
  atLeastOneOf?: string[];
  requiredWith?: string[];
  maxItems?: number;
  minItems?: number;
  elem?: { type: string; validators?: Validator[] };
  nesting?: 'list' | 'set';
  block?: Record<string, Argument>;
  attributesNotRecorded?: boolean;
  validators?: Validator[];
  source?: string;
  line: number;
}

interface Schema {
  source: string;
  line: number;
  arguments: Record<string, Argument>;
}

interface ProviderSchemas {
  provider: string;
  source: string;
  repository: string;
  constraint: string;
  tag: string;
  commit: string;
  licence: string;
  providerConfig: Schema & { complete: boolean };
  resources: Record<string, Schema>;
  dataSources: Record<string, Schema>;
}

const SCHEMA_DIR = join(__dirname, '..', 'fixtures', 'provider-schemas');
const PROVIDERS: Record<string, ProviderSchemas> = Object.fromEntries(
  readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as ProviderSchemas)
    .map((p) => [p.provider, p]),
);

// ---------------------------------------------------------------------------------------------
// Go RE2 → JavaScript

const GO_PERL_SPACE = '\\t\\n\\f\\r ';
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
/** A character as an escape JavaScript's `u` mode accepts anywhere. */
const codePoint = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16)}}`;
/** Characters JavaScript's `u` mode lets a backslash escape as themselves. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/**
 * A Go (RE2) regular expression as a JavaScript RegExp that accepts the same strings, in `u`
 * mode so that both work on code points. Where the dialects differ: Go's `\s` is ASCII space
 * only (JavaScript's includes Unicode spaces); Go's `.` excludes only `\n` (JavaScript's also
 * `\r`, U+2028, U+2029); Go escapes any punctuation (JavaScript's `u` mode only syntax
 * characters); `\A`, `\z`, `(?P<name>`, `\Q…\E`, `\pL` and `[[:alpha:]]` are Go-only spellings.
 * Anything else Go-only (inline flag groups, `\C`, `(?U)`) throws rather than be misread.
 */
function goRegExp(source: string): RegExp {
  let flags = 'u';
  let rest = source;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading) {
    if (leading[1].includes('U')) throw new Error(`Go regex ${source}: (?U) has no JavaScript equivalent`);
    flags += leading[1];
    rest = rest.slice(leading[0].length);
  }
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      const n = rest[i + 1];
      if (n === undefined) throw new Error(`Go regex ${source}: trailing backslash`);
      i++;
      if (n === 'Q') {
        const end = rest.indexOf('\\E', i + 1);
        const literal = end < 0 ? rest.slice(i + 1) : rest.slice(i + 1, end);
        out += [...literal].map((ch) => (/\w/.test(ch) ? ch : codePoint(ch))).join('');
        i = end < 0 ? rest.length : end + 1;
      } else if (n === 'A' || n === 'z') {
        if (inClass || flags.includes('m')) throw new Error(`Go regex ${source}: \\${n} in a class or with (?m)`);
        out += n === 'A' ? '^' : '$';
      } else if (n === 's') {
        out += inClass ? GO_PERL_SPACE : `[${GO_PERL_SPACE}]`;
      } else if (n === 'S') {
        if (inClass) throw new Error(`Go regex ${source}: \\S inside a class`);
        out += `[^${GO_PERL_SPACE}]`;
      } else if ((n === 'p' || n === 'P') && rest[i + 1] !== '{') {
        out += `\\${n}{${rest[i + 1]}}`;
        i++;
      } else if (n === 'C') {
        throw new Error(`Go regex ${source}: \\C has no JavaScript equivalent`);
      } else if (n === 'x' && rest[i + 1] === '{') {
        out += '\\u{';
        i++;
      } else if (/[0-7]/.test(n)) {
        throw new Error(`Go regex ${source}: octal escapes are not converted`);
      } else if (/[A-Za-z0-9]/.test(n)) {
        out += `\\${n}`; // \d \w \b \B \D \W \n \t \xHH \p{..} are read alike
      } else if (JS_SYNTAX.has(n) || (inClass && n === '-')) {
        out += `\\${n}`;
      } else {
        out += codePoint(n);
      }
    } else if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (posix) {
        if (posix[1] || !(posix[2] in POSIX_CLASSES)) throw new Error(`Go regex ${source}: [:${posix[1]}${posix[2]}:] not converted`);
        out += POSIX_CLASSES[posix[2]];
        i += posix[0].length - 1;
      } else {
        if (c === ']') inClass = false;
        out += c === '[' ? '\\[' : c;
      }
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (rest[i + 1] === '^') out += rest[++i];
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      } // a leading ] is a literal in Go
    } else if (c === '(' && rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (c === '(' && rest[i + 1] === '?' && rest[i + 2] !== ':' && rest[i + 2] !== '<') {
      throw new Error(`Go regex ${source}: inline flags are not converted`);
    } else if (c === '.' && !dotAll) {
      out += '[^\\n]';
    } else {
      out += c;
    }
  }
  return new RegExp(out, flags);
}

// ---------------------------------------------------------------------------------------------
// The checker

interface Finding {
  rule:
    | 'no-schema'
    | 'version-pin'
    | 'unknown-argument'
    | 'computed-only'
    | 'deprecated'
    | 'missing-required'
    | 'conflict'
    | 'type'
    | 'validator';
  file: string;
  address: string;
  argument: string;
  message: string;
}

const RESOURCE_META = new Set(['depends_on', 'count', 'for_each', 'lifecycle', 'provider']);
const PROVIDER_META = new Set(['alias']);

/** A string Terraform evaluates: its value is only known at plan, so validators cannot judge it. */
const isExpression = (value: unknown) => typeof value === 'string' && /[$%]\{/.test(value);

const instancesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

interface Context {
  file: string;
  address: string;
  /** What the body is, for messages: `google_service_account`, `data source …`, `the google provider`. */
  subject: string;
  provider: ProviderSchemas;
  schema: Schema;
  findings: Finding[];
}

function where(ctx: Context, arg?: Argument): string {
  return `${ctx.provider.source} ${ctx.provider.tag} ${arg?.source ?? ctx.schema.source}:${arg?.line ?? ctx.schema.line}`;
}

function report(ctx: Context, rule: Finding['rule'], argument: string, what: string, arg?: Argument): void {
  ctx.findings.push({
    rule,
    file: ctx.file,
    address: ctx.address,
    argument,
    message: `${ctx.file}: ${ctx.address}: ${argument ? `"${argument}" ` : ''}${what} (${where(ctx, arg)})`,
  });
}

/** Why a literal fails a validator, or undefined when it passes or the validator is not expressible. */
function refusal(v: Validator, value: unknown): string | undefined {
  if (v.anyOf) {
    const reasons = v.anyOf.map((alt) => (alt.unexpressed ? undefined : refusal(alt, value)));
    const someUnexpressed = v.anyOf.some((alt) => alt.unexpressed);
    return reasons.some((r) => r === undefined) || someUnexpressed ? undefined : `fails every alternative: ${reasons.join('; ')}`;
  }
  if (v.intBetween) {
    const n = Number(value);
    return Number.isInteger(n) && n >= v.intBetween[0] && n <= v.intBetween[1]
      ? undefined
      : `${JSON.stringify(value)} is not an integer in [${v.intBetween.join(', ')}]`;
  }
  if (v.unexpressed) return undefined;
  const s = String(value);
  if (v.regex !== undefined && !goRegExp(v.regex).test(s)) return `${JSON.stringify(s)} does not match ${v.regex}`;
  if (v.notRegex !== undefined && goRegExp(v.notRegex).test(s)) return `${JSON.stringify(s)} matches ${v.notRegex}, which is refused`;
  if (v.stringLenBetween) {
    // Go's len() of a string counts UTF-8 bytes.
    const bytes = Buffer.byteLength(s, 'utf8');
    if (bytes < v.stringLenBetween[0] || bytes > v.stringLenBetween[1])
      return `${JSON.stringify(s)} is ${bytes} bytes, not ${v.stringLenBetween[0]} to ${v.stringLenBetween[1]}`;
  }
  if (v.stringInSlice) {
    const fold = (x: string) => (v.ignoreCase ? x.toLowerCase() : x);
    if (!v.stringInSlice.map(fold).includes(fold(s))) return `${JSON.stringify(s)} is not one of ${JSON.stringify(v.stringInSlice)}`;
  }
  if (v.stringNotInSlice?.includes(s)) return `${JSON.stringify(s)} is refused (${JSON.stringify(v.stringNotInSlice)})`;
  return undefined;
}

function checkLiteral(ctx: Context, path: string, value: unknown, validators: Validator[] | undefined, arg: Argument): void {
  if (isExpression(value)) return;
  for (const v of validators ?? []) {
    const why = refusal(v, value);
    if (why) report(ctx, 'validator', path, `${why}${v.from ? ` (${v.from})` : ''}`, arg);
  }
}

const SCALAR_OK: Record<string, (v: unknown) => boolean> = {
  // Terraform converts between these primitive types where the value allows it.
  string: (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  bool: (v) => typeof v === 'boolean' || v === 'true' || v === 'false',
  int: (v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v)),
  float: (v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))),
};

function checkCount(ctx: Context, path: string, count: number, arg: Argument): void {
  if (arg.maxItems !== undefined && count > arg.maxItems)
    report(ctx, 'type', path, `has ${count} items, more than the schema's MaxItems ${arg.maxItems}`, arg);
  if (arg.minItems !== undefined && count < arg.minItems)
    report(ctx, 'type', path, `has ${count} items, fewer than the schema's MinItems ${arg.minItems}`, arg);
}

function checkArgument(ctx: Context, path: string, value: unknown, arg: Argument): void {
  if (arg.computed && !arg.optional && !arg.required)
    report(ctx, 'computed-only', path, 'is computed-only: the provider sets it and refuses it in configuration', arg);
  if (arg.deprecated) report(ctx, 'deprecated', path, `is deprecated: ${arg.deprecated}`, arg);
  if (arg.type === 'block') {
    if (typeof value === 'string') {
      report(ctx, 'type', path, 'is a block, which Terraform JSON cannot give as an expression (use a dynamic block)', arg);
      return;
    }
    const instances = instancesOf(value);
    checkCount(ctx, path, instances.length, arg);
    for (const [i, instance] of instances.entries()) {
      const at = Array.isArray(value) ? `${path}[${i}]` : path;
      if (arg.attributesNotRecorded && instance && typeof instance === 'object' && Object.keys(instance).length > 0) {
        report(
          ctx,
          'unknown-argument',
          at,
          'sets attributes of a block whose attributes are not recorded: record them from the provider source',
          arg,
        );
      } else if (!arg.attributesNotRecorded) {
        checkBody(ctx, instance, arg.block ?? {}, at, new Set());
      }
    }
    return;
  }
  if (isExpression(value)) return;
  if (arg.type === 'list' || arg.type === 'set') {
    if (!Array.isArray(value)) {
      report(ctx, 'type', path, `is a ${arg.type}, not ${JSON.stringify(value)}`, arg);
      return;
    }
    checkCount(ctx, path, value.length, arg);
    for (const [i, element] of value.entries()) {
      if (isExpression(element)) continue;
      const ok = SCALAR_OK[arg.elem?.type ?? 'string'];
      if (ok && !ok(element))
        report(ctx, 'type', `${path}[${i}]`, `is ${JSON.stringify(element)}, not a ${arg.elem?.type ?? 'string'}`, arg);
      checkLiteral(ctx, `${path}[${i}]`, element, arg.elem?.validators, arg);
    }
    return;
  }
  if (arg.type === 'map') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      report(ctx, 'type', path, `is a map, not ${JSON.stringify(value)}`, arg);
      return;
    }
    for (const [k, element] of Object.entries(value)) {
      const ok = SCALAR_OK[arg.elem?.type ?? 'string'];
      if (!isExpression(element) && ok && !ok(element))
        report(ctx, 'type', `${path}.${k}`, `is ${JSON.stringify(element)}, not a ${arg.elem?.type ?? 'string'}`, arg);
    }
    return; // map validators (tags.Validate) are not expressible
  }
  if (!SCALAR_OK[arg.type](value)) {
    report(ctx, 'type', path, `is ${JSON.stringify(value)}, not a ${arg.type}`, arg);
    return;
  }
  checkLiteral(ctx, path, value, arg.validators, arg);
}

const qualified = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** One block's body (a resource, data source, provider configuration or nested block) against its arguments. */
function checkBody(ctx: Context, body: unknown, args: Record<string, Argument>, path: string, meta: ReadonlySet<string>): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    report(ctx, 'type', path, `must be an object, not ${JSON.stringify(body)}`);
    return;
  }
  // A null attribute is an unset one in Terraform JSON.
  const present = new Set(
    Object.entries(body)
      .filter(([, v]) => v !== null)
      .map(([k]) => k),
  );
  const dynamic = (body as Record<string, unknown>).dynamic;
  if (dynamic && typeof dynamic === 'object') {
    present.delete('dynamic');
    for (const [name, spec] of Object.entries(dynamic as Record<string, any>)) {
      const arg = args[name];
      if (!arg || arg.type !== 'block')
        report(ctx, 'unknown-argument', qualified(path, `dynamic.${name}`), `is not a block of ${ctx.subject} at ${ctx.provider.tag}`, arg);
      else
        for (const content of instancesOf(spec))
          checkBody(ctx, (content as any)?.content ?? {}, arg.block ?? {}, qualified(path, `dynamic.${name}.content`), new Set());
      present.add(name);
    }
  }
  for (const [name, value] of Object.entries(body)) {
    if (name === 'dynamic' || meta.has(name) || value === null) continue;
    const arg = args[name];
    if (!arg)
      report(
        ctx,
        'unknown-argument',
        qualified(path, name),
        `is not an argument of ${path ? `the ${path} block of ` : ''}${ctx.subject} at ${ctx.provider.tag}`,
      );
    else checkArgument(ctx, qualified(path, name), value, arg);
  }
  const given = (name: string) => present.has(name);
  const conflicting = new Set<string>();
  const groups = new Map<string, { kind: 'exactlyOneOf' | 'atLeastOneOf'; names: string[]; arg: Argument }>();
  for (const [name, arg] of Object.entries(args)) {
    if (arg.required && !given(name)) report(ctx, 'missing-required', qualified(path, name), 'is required and missing', arg);
    if (given(name)) {
      for (const other of arg.conflictsWith ?? []) {
        const pair = [name, other].sort().join(' ');
        if (given(other) && !conflicting.has(pair)) {
          conflicting.add(pair);
          report(ctx, 'conflict', qualified(path, name), `conflicts with "${qualified(path, other)}", which is also set`, arg);
        }
      }
      for (const other of arg.requiredWith ?? []) {
        if (!given(other)) report(ctx, 'conflict', qualified(path, name), `needs "${qualified(path, other)}" set with it`, arg);
      }
    }
    for (const kind of ['exactlyOneOf', 'atLeastOneOf'] as const) {
      const names = arg[kind];
      const key = `${kind}:${[...(names ?? [])].sort().join(',')}`;
      if (names && !groups.has(key)) groups.set(key, { kind, names, arg });
    }
  }
  for (const { kind, names, arg } of groups.values()) {
    const set = names.filter(given);
    if (kind === 'exactlyOneOf' && set.length !== 1)
      report(
        ctx,
        'conflict',
        path,
        `sets ${set.length ? set.map((n) => `"${n}"`).join(' and ') : 'none'} of ${names.join(', ')}: exactly one is required`,
        arg,
      );
    if (kind === 'atLeastOneOf' && set.length === 0)
      report(ctx, 'conflict', path, `sets none of ${names.join(', ')}: at least one is required`, arg);
  }
}

/** The lowest version a Terraform version constraint admits, e.g. `~> 6.50` → 6.50.0. */
function lowestAdmitted(constraint: string): string | undefined {
  const parts = constraint
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const pad = (v: string) => [...v.split('.').map(Number), 0, 0].slice(0, 3);
  const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  let lowest: number[] | undefined;
  const excluded: number[][] = [];
  for (const part of parts) {
    const m = /^(>=|~>|=|!=|<=|<|>)?\s*v?(\d+(?:\.\d+){0,2})$/.exec(part);
    if (!m) return undefined;
    const version = pad(m[2]);
    if (m[1] === '!=') excluded.push(version);
    else if (m[1] === '>')
      return undefined; // "just above" has no exact lowest version
    else if (m[1] !== '<' && m[1] !== '<=' && (!lowest || cmp(version, lowest) > 0)) lowest = version;
  }
  if (!lowest || excluded.some((e) => cmp(e, lowest!) === 0)) return undefined;
  return lowest.join('.');
}

const providerOf = (type: string) => type.split('_')[0];

/** Every finding of one Terraform JSON file against the recorded schemas. */
function checkTerraform(file: string, json: any, providers: Readonly<Record<string, ProviderSchemas>> = PROVIDERS): Finding[] {
  const findings: Finding[] = [];
  const missing = (address: string, what: string) =>
    findings.push({ rule: 'no-schema', file, address, argument: '', message: `${file}: ${address}: ${what}` });
  const kinds = [
    ['resource', 'resources', ''],
    ['data', 'dataSources', 'data.'],
  ] as const;
  for (const [kind, table, prefix] of kinds) {
    for (const [type, named] of Object.entries<Record<string, unknown>>(json[kind] ?? {})) {
      const provider = providers[providerOf(type)];
      const schema = provider?.[table][type];
      if (!provider || !schema) {
        missing(
          `${prefix}${type}`,
          provider
            ? `no ${kind === 'data' ? 'data source' : 'resource'} schema recorded for ${type} in ${provider.provider}.json`
            : `no provider schema file for ${providerOf(type)}`,
        );
        continue;
      }
      for (const [name, bodies] of Object.entries(named)) {
        const subject = kind === 'data' ? `data source ${type}` : type;
        for (const body of instancesOf(bodies))
          checkBody(
            { file, address: `${prefix}${type}.${name}`, subject, provider, schema, findings },
            body,
            schema.arguments,
            '',
            RESOURCE_META,
          );
      }
    }
  }
  for (const [name, configs] of Object.entries<unknown>(json.provider ?? {})) {
    const provider = providers[name];
    if (!provider) {
      missing(`provider.${name}`, `no provider schema file for ${name}`);
      continue;
    }
    for (const config of instancesOf(configs)) {
      const ctx = {
        file,
        address: `provider.${name}`,
        subject: `the ${name} provider`,
        provider,
        schema: provider.providerConfig,
        findings,
      };
      checkBody(ctx, config, provider.providerConfig.arguments, '', PROVIDER_META);
    }
  }
  const required = json.terraform?.required_providers ?? {};
  const used = new Set([...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})].map(providerOf));
  for (const name of Object.keys(json.provider ?? {})) used.add(name);
  for (const name of used) {
    const provider = providers[name];
    const requirement = required[name];
    if (!provider) continue;
    const address = `terraform.required_providers.${name}`;
    const pin = (what: string) =>
      findings.push({ rule: 'version-pin', file, address, argument: '', message: `${file}: ${address}: ${what}` });
    if (!requirement) pin(`missing, though ${name}'s resources are used`);
    else if (requirement.source !== provider.source) pin(`source ${requirement.source}, but the schema was read from ${provider.source}`);
    else if (`v${lowestAdmitted(requirement.version)}` !== provider.tag) {
      pin(
        `"${requirement.version}" admits ${lowestAdmitted(requirement.version) ?? 'no single lowest version'} at the lowest, but ${name}.json was read at ${provider.tag}: refresh it (test/fixtures/provider-schemas/README.md)`,
      );
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// The recorded data itself

describe('the recorded provider schemas', () => {
  const all = Object.values(PROVIDERS);

  test('cover the four providers the generated Terraform uses', () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual(['azurerm', 'google', 'random', 'time']);
  });

  test.each(all.map((p) => [p.provider, p] as const))(
    "%s names its source, tag, full commit, MPL-2.0 licence and each schema's source file",
    (_, p) => {
      expect(p.source).toBe(`hashicorp/${p.provider}`);
      expect(p.tag).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(`v${lowestAdmitted(p.constraint)}`).toBe(p.tag);
      expect(p.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(p.licence).toBe('MPL-2.0');
      for (const schema of [p.providerConfig, ...Object.values(p.resources), ...Object.values(p.dataSources)]) {
        expect(schema.source).toMatch(/\.go$/);
        expect(schema.line).toBeGreaterThan(0);
      }
    },
  );

  test('every argument has a type, a line in its source and at least one of required, optional, computed', () => {
    const bad: string[] = [];
    const walk = (where: string, args: Record<string, Argument>) => {
      for (const [name, arg] of Object.entries(args)) {
        if (
          !['string', 'bool', 'int', 'float', 'list', 'set', 'map', 'block'].includes(arg.type) ||
          !(arg.line > 0) ||
          !(arg.required || arg.optional || arg.computed)
        )
          bad.push(`${where}.${name}`);
        if (arg.required && (arg.optional || arg.computed)) bad.push(`${where}.${name}: required with optional or computed`);
        if (arg.block) walk(`${where}.${name}`, arg.block);
      }
    };
    for (const p of all) {
      walk(`${p.provider}.provider`, p.providerConfig.arguments);
      for (const [type, s] of [...Object.entries(p.resources), ...Object.entries(p.dataSources)]) walk(type, s.arguments);
    }
    expect(bad).toEqual([]);
  });

  test('every recorded regex converts to JavaScript', () => {
    const regexes: string[] = [];
    const collect = (vs: Validator[] = []) =>
      vs.forEach((v) => {
        if (v.regex) regexes.push(v.regex);
        if (v.notRegex) regexes.push(v.notRegex);
        collect(v.anyOf);
      });
    const walk = (args: Record<string, Argument>) =>
      Object.values(args).forEach((a) => {
        collect(a.validators);
        collect(a.elem?.validators);
        if (a.block) walk(a.block);
      });
    for (const p of all)
      [p.providerConfig, ...Object.values(p.resources), ...Object.values(p.dataSources)].forEach((s) => walk(s.arguments));
    expect(regexes.length).toBeGreaterThan(10);
    for (const r of regexes) expect(() => goRegExp(r)).not.toThrow();
  });
});

describe('reading a Go regex in JavaScript', () => {
  test('accepts what Go accepts for the recorded validators', () => {
    const accountId = goRegExp(PROVIDERS.google.resources.google_service_account.arguments.account_id.validators![1].regex!);
    expect(['alien-app', 'a1', 'a'].map((s) => accountId.test(s))).toEqual([true, true, true]);
    expect(['1alien', 'alien-', 'Alien'].map((s) => accountId.test(s))).toEqual([false, false, false]);
    const link = goRegExp(PROVIDERS.google.resources.google_service_account_iam_member.arguments.service_account_id.validators![0].regex!);
    expect(link.test('projects/my-project/serviceAccounts/acme-app-1@my-project.iam.gserviceaccount.com')).toBe(true);
    expect(link.test('projects/-/serviceAccounts/123-compute@developer.gserviceaccount.com')).toBe(true);
    expect(link.test('acme-app-1@my-project.iam.gserviceaccount.com')).toBe(false);
    const group = goRegExp('^[-\\w._()]+$');
    expect(['my-rg', 'rg_(1).x'].map((s) => group.test(s))).toEqual([true, true]);
    expect(['my rg', 'grüße'].map((s) => group.test(s))).toEqual([false, false]);
  });

  test("keeps the dialects' differences: ASCII \\s, . that matches \\r, punctuation escapes, Go-only spellings", () => {
    expect(goRegExp('^a\\sb$').test('a\u00a0b')).toBe(false); // JavaScript's \s would match a no-break space
    expect(goRegExp('^a.b$').test('a\rb')).toBe(true); // JavaScript's . would not match \r
    expect(goRegExp('^a\\-b\\#$').test('a-b#')).toBe(true); // invalid escapes in JavaScript's u mode
    expect(goRegExp('\\Aab\\z').test('ab')).toBe(true);
    expect(goRegExp('\\Aab\\z').test('ab\n')).toBe(false);
    expect(goRegExp('^(?P<x>[[:alpha:]]+)$').exec('abc')?.groups?.x).toBe('abc');
    expect(goRegExp('(?i)^abc$').test('ABC')).toBe(true);
    expect(goRegExp('^\\Qa.b\\E$').test('axb')).toBe(false);
    expect(goRegExp('^\\pL+$').test('grüße')).toBe(true);
    expect(goRegExp('^\\x{e9}\\Q.ü\\E$').test('é.ü')).toBe(true);
    expect(() => goRegExp('a(?i:b)')).toThrow(/inline flags/);
  });
});

describe('the lowest version a constraint admits', () => {
  test.each([
    ['~> 6.50', '6.50.0'],
    ['>= 4.65, != 4.75.0, < 5.0', '4.65.0'],
    ['~> 3.0', '3.0.0'],
    ['~> 0.9', '0.9.0'],
    ['= 1.2.3', '1.2.3'],
    ['> 1.0', undefined],
    ['>= 4.65, != 4.65.0', undefined],
  ])('%s → %s', (constraint, lowest) => {
    expect(lowestAdmitted(constraint)).toBe(lowest);
  });
});

// ---------------------------------------------------------------------------------------------
// The checker, on hand-made resources: it can fail

describe('the schema checker', () => {
  const file = 'hand-made.tf.json';
  const pins = {
    google: { source: 'hashicorp/google', version: '~> 6.50' },
    azurerm: { source: 'hashicorp/azurerm', version: '>= 4.65, < 5.0' },
    time: { source: 'hashicorp/time', version: '~> 0.9' },
  };
  const check = (resource: object, extra: object = {}) =>
    checkTerraform(file, { terraform: { required_providers: pins }, resource, ...extra });
  const rules = (findings: Finding[]) => findings.map((f) => [f.rule, f.address, f.argument]);

  test('finds nothing in a resource that follows its schema', () => {
    expect(
      check({
        google_service_account: {
          sa: { account_id: 'acme-app', display_name: 'Acme', depends_on: ['x.y'], lifecycle: { prevent_destroy: true } },
        },
      }),
    ).toEqual([]);
  });

  test('an unknown argument, named with file, address and argument', () => {
    const findings = check({ google_service_account: { sa: { account_id: 'acme-app', labels: { a: 'b' } } } });
    expect(rules(findings)).toEqual([['unknown-argument', 'google_service_account.sa', 'labels']]);
    expect(findings[0].message).toMatch(
      /^hand-made\.tf\.json: google_service_account\.sa: "labels" is not an argument of google_service_account at v6\.50\.0 \(hashicorp\/google v6\.50\.0 google\/services\/resourcemanager\/resource_google_service_account\.go:53\)$/,
    );
  });

  test('an unknown argument inside a nested block', () => {
    const findings = check({
      google_project_iam_member: {
        m: { project: 'p', role: 'roles/viewer', member: 'user:a@b.c', condition: { title: 't', expression: 'true', severity: 'high' } },
      },
    });
    expect(rules(findings)).toEqual([['unknown-argument', 'google_project_iam_member.m', 'condition.severity']]);
  });

  test('a missing required argument, also inside a block', () => {
    const findings = check({ google_project_iam_member: { m: { project: 'p', member: 'user:a@b.c', condition: [{ title: 't' }] } } });
    expect(rules(findings)).toEqual([
      ['missing-required', 'google_project_iam_member.m', 'condition[0].expression'],
      ['missing-required', 'google_project_iam_member.m', 'role'],
    ]);
  });

  test('a computed-only argument and a deprecated one', () => {
    const findings = check({
      google_service_account: { sa: { account_id: 'acme-app', email: 'x@y.z' } },
      azurerm_federated_identity_credential: {
        f: { name: 'n', issuer: 'https://i', subject: 's', audience: ['a'], parent_id: '${azurerm_user_assigned_identity.i.id}' },
      },
    });
    expect(rules(findings)).toEqual([
      ['computed-only', 'google_service_account.sa', 'email'],
      ['deprecated', 'azurerm_federated_identity_credential.f', 'parent_id'],
    ]);
  });

  test('conflicting arguments, and an exactly-one-of group with none or two set', () => {
    const identity = '${azurerm_user_assigned_identity.i.id}';
    const findings = check(
      {
        azurerm_role_assignment: { none: { scope: '/subscriptions/x', principal_id: 'p' } },
        azurerm_federated_identity_credential: {
          two: { name: 'n', issuer: 'https://i', subject: 's', audience: ['a'], user_assigned_identity_id: identity, parent_id: identity },
        },
      },
      { provider: { google: [{ credentials: 'x', access_token: 'y' }] } },
    );
    expect(rules(findings).filter(([rule]) => rule === 'conflict')).toEqual([
      ['conflict', 'azurerm_role_assignment.none', ''],
      ['conflict', 'azurerm_federated_identity_credential.two', ''],
      ['conflict', 'provider.google', 'credentials'],
    ]);
    expect(findings.find((f) => f.address === 'azurerm_role_assignment.none')?.message).toMatch(
      /sets none of role_definition_id, role_definition_name: exactly one is required/,
    );
  });

  test('literals the validators refuse; expressions pass untested', () => {
    const findings = check({
      google_service_account: { bad: { account_id: 'Acme_App', description: 'é'.repeat(129) }, expr: { account_id: '${var.prefix}-x' } },
      google_project_iam_custom_role: { r: { role_id: 'has-dash', title: 't', permissions: ['a.b.c'], stage: 'GENERAL' } },
      time_sleep: { s: { create_duration: '2 minutes' } },
    });
    expect(rules(findings)).toEqual([
      ['validator', 'google_service_account.bad', 'account_id'],
      ['validator', 'google_service_account.bad', 'description'],
      ['validator', 'google_project_iam_custom_role.r', 'role_id'],
      ['validator', 'google_project_iam_custom_role.r', 'stage'],
      ['validator', 'time_sleep.s', 'create_duration'],
    ]);
    expect(findings[1].message).toMatch(/is 258 bytes, not 0 to 256/);
  });

  test('wrong types and too many items', () => {
    const findings = check({
      azurerm_federated_identity_credential: {
        f: { name: 'n', issuer: 'https://i', subject: 's', audience: ['a', 'b'], user_assigned_identity_id: 'x' },
      },
      google_project_iam_custom_role: { r: { role_id: 'ok_role', title: 't', permissions: 'a.b.c' } },
    });
    expect(rules(findings)).toEqual([
      ['type', 'azurerm_federated_identity_credential.f', 'audience'],
      ['type', 'google_project_iam_custom_role.r', 'permissions'],
    ]);
  });

  test('a data source is checked against its own schema: an unknown argument, a computed-only one, a literal its validator refuses', () => {
    const data = (body: object) => checkTerraform(file, { terraform: { required_providers: pins }, data: { google_project: { p: body } } });
    expect(data({ project_id: 'acme-prod' })).toEqual([]);
    expect(data({ project_id: 'projects/acme-prod' })).toEqual([]); // ValidateDSProjectID reads the part after the last "/"
    expect(data({})).toEqual([]); // optional: the provider's project
    // The resource google_project's arguments are the data source's attributes, never its arguments.
    const findings = data({ project_id: 'Acme_Prod', project: 'acme-prod', number: '1', name: 'n' });
    expect(rules(findings)).toEqual([
      ['validator', 'data.google_project.p', 'project_id'],
      ['unknown-argument', 'data.google_project.p', 'project'],
      ['computed-only', 'data.google_project.p', 'number'],
      ['computed-only', 'data.google_project.p', 'name'],
    ]);
    expect(findings[1].message).toMatch(/"project" is not an argument of data source google_project at v6\.50\.0/);
  });

  test('a resource type, data source or provider with no recorded schema, and a pin the data was not read at', () => {
    const findings = checkTerraform(file, {
      terraform: { required_providers: { ...pins, google: { source: 'hashicorp/google', version: '~> 7.0' } } },
      resource: { google_storage_bucket: { b: {} }, aws_s3_bucket: { b: {} } },
      data: { azurerm_client_config: { c: {} } },
      provider: { google: [{}] },
    });
    expect(rules(findings)).toEqual([
      ['no-schema', 'google_storage_bucket', ''],
      ['no-schema', 'aws_s3_bucket', ''],
      ['no-schema', 'data.azurerm_client_config', ''],
      ['version-pin', 'terraform.required_providers.google', ''],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The generated Terraform

/**
 * Realistic specs (the copies of the flagship and the OIDC example the tests use instead of
 * the project's own, which a vendor replaces), the small valid spec and the whole catalog.
 */
const SPECS: Record<string, string> = {
  'per-customer (flagship copy)': readFileSync(fixturePath('per-customer'), 'utf8'),
  'oidc (OIDC example copy)': readFileSync(fixturePath('oidc'), 'utf8'),
  VALID_SPEC,
  'whole catalog': wholeCatalogSpec(),
};

const RULES: [string, Finding['rule'][]][] = [
  [
    'every resource type, data source and provider it uses has recorded schema data, read at the lowest version its pin admits',
    ['no-schema', 'version-pin'],
  ],
  ['every argument and nested block it sets exists in the schema (meta-arguments aside)', ['unknown-argument']],
  ['it sets no computed-only argument', ['computed-only']],
  ['it sets no deprecated argument', ['deprecated']],
  ['every required argument and block is present', ['missing-required']],
  ['it combines no conflicting arguments, and sets exactly one of each exactly-one-of group', ['conflict']],
  ["every value has the schema's type and item count", ['type']],
  ["every literal passes the provider's validators", ['validator']],
];

describe.each(Object.entries(SPECS))('the Terraform generated for %s', (spec, text) => {
  const files = [...generateTemplates(modelFromText(text, ['gcp', 'azure'])).entries()].filter(([path]) => path.endsWith('.tf.json'));
  const findings = files.flatMap(([path, json]) => checkTerraform(`${spec}: ${path}`, JSON.parse(json)));

  test('has a module and a root for GCP and for Azure, with resources', () => {
    expect(files.map(([path]) => path).sort()).toEqual([
      'azure/main.tf.json',
      'azure/module/main.tf.json',
      'gcp/main.tf.json',
      'gcp/module/main.tf.json',
    ]);
    for (const cloud of ['gcp', 'azure'])
      expect(Object.keys(JSON.parse(files.find(([p]) => p === `${cloud}/module/main.tf.json`)![1]).resource ?? {}).length).toBeGreaterThan(
        0,
      );
  });

  test.each(RULES)('%s', (_, rules) => {
    expect(findings.filter((f) => rules.includes(f.rule)).map((f) => f.message)).toEqual([]);
  });

  test('the checker reads every block it has: an unknown argument added to each is found there', () => {
    for (const [path, text] of files) {
      const json = JSON.parse(text);
      const bodies: [string, any][] = [
        ...(['resource', 'data'] as const).flatMap((kind) =>
          Object.entries<Record<string, any>>(json[kind] ?? {}).flatMap(([type, named]) =>
            Object.entries(named).map(([name, body]): [string, any] => [`${kind === 'data' ? 'data.' : ''}${type}.${name}`, body]),
          ),
        ),
        ...Object.entries<any[]>(json.provider ?? {}).map(([name, configs]): [string, any] => [`provider.${name}`, configs[0]]),
      ];
      for (const [, body] of bodies) body.not_in_any_schema = 'x';
      const found = checkTerraform(path, json)
        .filter((f) => f.rule === 'unknown-argument' && f.argument === 'not_in_any_schema')
        .map((f) => f.address);
      expect(found.sort()).toEqual(bodies.map(([address]) => address).sort());
    }
  });
});
