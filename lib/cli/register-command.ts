import { CLOUD_PROVIDERS } from '../clouds/registry';
import { type Cloud, CLOUD_NAMES, CLOUDS } from '../core/variables';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { MANIFEST_FILE } from '../release/manifest';
import { MAX_VERSION_LENGTH, SPEC_NAME } from '../input/trust-spec-schema';
import { defineCommand, SPEC_OPTION, type OptionValues } from './command';
import { EXIT_CODES } from './exit-codes';
import type { Io } from './io';
import { specPath, templatesDir } from './project-paths';
import { UsageError } from '../core/usage-error';

/** The clouds whose customers register by sending their Terraform outputs (their providers read them). */
const TERRAFORM_REGISTERED = CLOUDS.filter((cloud) => CLOUD_PROVIDERS[cloud].terraformRegistration !== undefined);

const OPTIONS = [
  { name: 'event', value: 'FILE', oneOf: 'input', description: 'A CloudFormation custom-resource request, as JSON (AWS).' },
  {
    name: 'terraform-outputs',
    value: 'FILE',
    oneOf: 'input',
    description: 'The "terraform output -json" of a customer\'s Terraform root (GCP or Azure); needs --cloud.',
  },
  { name: 'cloud', value: TERRAFORM_REGISTERED.join('|'), description: 'The cloud of the --terraform-outputs.' },
  { ...SPEC_OPTION, description: 'The trust spec, whose published releases (templates/ beside it) the request must name.' },
  { name: 'respond', description: "Send CloudFormation the answer (to the request's ResponseURL); a Delete is always answered SUCCESS." },
] as const;

export const register = defineCommand({
  name: 'register',
  summary: "The vendor's side of registration: read a customer's request and print the customer's registration record as JSON.",
  description: [
    "Exit 2 when it is not a published release's role in the stack's own account. A Delete is always answered SUCCESS: deregistration never blocks revocation.",
  ],
  options: OPTIONS,
  handler: registerCommand,
});

type RegisterOptions = OptionValues<typeof OPTIONS>;

/** What the vendor keeps of one customer's deployment. */
interface RegistrationRecord {
  /** Stable for the deployment: the stack (and resource) on AWS, the identity on GCP and Azure. */
  readonly id: string;
  readonly cloud: Cloud;
  /** Create, Update or Delete on AWS; Create for Terraform outputs (an apply of a new version is an update of the same id). */
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly template: { readonly name: string; readonly version: string };
  readonly [key: string]: unknown;
}

/** A request that must not be registered, with the one line that says why. */
class Refused extends Error {}

const REQUEST_TYPES = ['Create', 'Update', 'Delete'] as const;
/** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>` */
const STACK_ID = /^arn:aws:cloudformation:([a-z0-9-]+):(\d{12}):stack\/[A-Za-z][A-Za-z0-9-]*\/[\w-]+$/;
/** `arn:aws:iam::<account>:role/<path/><name>` */
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
/** A version as a folder name: no separators, no `..`. */
const VERSION = /^[0-9][0-9A-Za-z.+-]*$/;

/**
 * `alien-trust register`: the vendor's side of registration. Reads a CloudFormation
 * custom-resource request (`--event`) or a Terraform root's `terraform output -json`
 * (`--terraform-outputs` with `--cloud`), checks it against the published releases beside the
 * spec, and prints the registration record as JSON. Refuses (exit 2, one line) what does not
 * hold together. A Delete is always answered SUCCESS: deregistration never blocks revocation.
 */
async function registerCommand(options: RegisterOptions, io: Io): Promise<number> {
  if ((options.event === undefined) === (options['terraform-outputs'] === undefined))
    throw new UsageError('register needs --event FILE or --terraform-outputs FILE, not both');
  const releases = templatesDir(specPath(options.spec));
  if (options.event !== undefined) {
    if (options.cloud !== undefined) throw new UsageError('--cloud goes with --terraform-outputs; an --event is always AWS');
    return registerEvent(readJson(options.event), releases, options.respond === true, io);
  }
  if (options.respond) throw new UsageError('--respond goes with --event: Terraform outputs have no ResponseURL');
  const cloud = TERRAFORM_REGISTERED.find((c) => c === options.cloud);
  if (cloud === undefined)
    throw new UsageError(`--terraform-outputs needs ${TERRAFORM_REGISTERED.map((c) => `--cloud ${c}`).join(' or ')}`);
  try {
    io.out(JSON.stringify(terraformRecord(readJson(options['terraform-outputs']!), cloud, releases), null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    io.err(`alien-trust: refused: ${e.message}`);
    return EXIT_CODES.badInput.code;
  }
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(object: Record<string, unknown>, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') throw new Refused(`${where}${key} is missing or not text`);
  return value;
}

/** The record id: a hash of what stays the same across updates of one deployment. */
function recordId(...parts: string[]): string {
  return `reg-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}

interface CloudFormationRequest {
  readonly RequestType: (typeof REQUEST_TYPES)[number];
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

async function registerEvent(event: unknown, releases: string, respond: boolean, io: Io): Promise<number> {
  if (!isObject(event)) throw new UsageError('the event is not a JSON object');
  // What a response needs: without it the request cannot even be answered.
  let request: CloudFormationRequest;
  try {
    const requestType = text(event, 'RequestType', '');
    if (!(REQUEST_TYPES as readonly string[]).includes(requestType))
      throw new Refused(`RequestType "${requestType}" is not Create, Update or Delete`);
    request = {
      RequestType: requestType as CloudFormationRequest['RequestType'],
      ResponseURL: text(event, 'ResponseURL', ''),
      StackId: text(event, 'StackId', ''),
      RequestId: text(event, 'RequestId', ''),
      LogicalResourceId: text(event, 'LogicalResourceId', ''),
    };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    io.err(`alien-trust: refused: ${e.message}; no response can be sent`);
    return EXIT_CODES.badInput.code;
  }
  const fallbackId =
    typeof event.PhysicalResourceId === 'string' && event.PhysicalResourceId !== ''
      ? event.PhysicalResourceId
      : recordId(request.StackId, request.LogicalResourceId);
  let record: RegistrationRecord | undefined;
  let refusal: string | undefined;
  try {
    record = awsRecord(event, request, releases);
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    refusal = e.message;
  }
  if (record) io.out(JSON.stringify(record, null, 2));
  if (refusal) io.err(`alien-trust: refused: ${refusal}${request.RequestType === 'Delete' ? ' (a Delete is still answered SUCCESS)' : ''}`);
  if (respond) {
    // A Delete always succeeds: the customer is revoking the trust, and nothing the vendor
    // thinks of the request may keep the stack from going.
    const response =
      refusal === undefined || request.RequestType === 'Delete'
        ? {
            Status: 'SUCCESS',
            ...(refusal === undefined ? {} : { Reason: `not registered: ${refusal}` }),
            PhysicalResourceId: record?.id ?? fallbackId,
          }
        : { Status: 'FAILED', Reason: `${refusal}`.slice(0, 1000), PhysicalResourceId: fallbackId };
    const body = {
      ...response,
      StackId: request.StackId,
      RequestId: request.RequestId,
      LogicalResourceId: request.LogicalResourceId,
      ...(record ? { Data: { RecordId: record.id } } : {}),
    };
    try {
      await putResponse(request.ResponseURL, JSON.stringify(body));
    } catch (e) {
      io.err(`alien-trust: could not send the response to CloudFormation: ${(e as Error).message}`);
      return EXIT_CODES.failed.code;
    }
  }
  return refusal === undefined ? EXIT_CODES.success.code : EXIT_CODES.badInput.code;
}

function awsRecord(event: Record<string, unknown>, request: CloudFormationRequest, releases: string): RegistrationRecord {
  const stack = STACK_ID.exec(request.StackId);
  if (!stack) throw new Refused(`StackId ${request.StackId} is not a CloudFormation stack ARN`);
  const [, region, account] = stack;
  const properties = event.ResourceProperties;
  if (!isObject(properties)) throw new Refused('ResourceProperties is missing');
  const where = 'ResourceProperties.';
  const roleArn = text(properties, 'RoleArn', where);
  const prefix = text(properties, 'ResourcePrefix', where);
  const name = text(properties, 'TemplateName', where);
  const version = text(properties, 'TemplateVersion', where);
  const role = ROLE_ARN.exec(roleArn);
  if (!role) throw new Refused(`RoleArn ${roleArn} is not an IAM role ARN`);
  if (role[1] !== account) throw new Refused(`the role ${roleArn} is in account ${role[1]}, not in the stack's account ${account}`);
  const release = publishedRelease(releases, name, version);
  const template = readReleaseFile(release, 'aws/template.json', `${name}@${version} has no AWS template`);
  const expected = releaseRoleArn(template, account, prefix, region, `${name}@${version}`);
  if (roleArn !== expected)
    throw new Refused(`the role ${roleArn} is not the one ${name}@${version} creates for prefix ${prefix} in ${region}: ${expected}`);
  // The customer binding the release asks for: the external id (role form) or the customer id (OIDC form).
  const inputs = CUSTOMER_INTERFACE.aws.inputs;
  const parameters = isObject(template.Parameters) ? template.Parameters : {};
  const bindingKey = inputs.externalId in parameters ? inputs.externalId : inputs.customerId;
  const binding = text(properties, bindingKey, where);
  return {
    id: recordId(request.StackId, request.LogicalResourceId),
    cloud: 'aws',
    requestType: request.RequestType,
    template: { name, version },
    customer: bindingKey === inputs.externalId ? { externalId: binding } : { customerId: binding },
    resourcePrefix: prefix,
    roleArn,
    account,
    region,
    stackId: request.StackId,
  };
}

/** The release folder `templates/<name>/v<version>/`, when it is published (holds a manifest). */
function publishedRelease(releases: string, name: string, version: string): string {
  const safe = SPEC_NAME.test(name) && version.length <= MAX_VERSION_LENGTH && VERSION.test(version) && !version.includes('..');
  const dir = join(releases, name, `v${version}`);
  if (!safe || !existsSync(join(dir, MANIFEST_FILE)))
    throw new Refused(`${name}@${version} is not a published release (no ${name}/v${version}/${MANIFEST_FILE} in the templates folder)`);
  return dir;
}

function readReleaseFile(release: string, path: string, missing: string): Record<string, unknown> {
  const file = join(release, path);
  if (!existsSync(file)) throw new Refused(missing);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The role ARN a release's template gives in this account, for this prefix and region. */
function releaseRoleArn(template: Record<string, unknown>, account: string, prefix: string, region: string, release: string): string {
  const resources = isObject(template.Resources) ? Object.values(template.Resources) : [];
  const role = resources.find((r) => isObject(r) && r.Type === 'AWS::IAM::Role') as
    { Properties?: { RoleName?: unknown; Path?: unknown } } | undefined;
  const roleName = role?.Properties?.RoleName;
  const sub = isObject(roleName) ? roleName['Fn::Sub'] : roleName;
  if (typeof sub !== 'string') throw new Refused(`${release}'s AWS template names no role`);
  const name = sub.replaceAll('${ResourcePrefix}', prefix).replaceAll('${AWS::Region}', region);
  const path = typeof role?.Properties?.Path === 'string' ? role.Properties.Path : '/';
  return `arn:aws:iam::${account}:role${path}${name}`;
}

/** `terraform output -json`: each output's value. */
function outputValues(outputs: unknown): Record<string, unknown> {
  if (!isObject(outputs)) throw new Refused('the Terraform outputs are not a JSON object (give the output of terraform output -json)');
  return Object.fromEntries(
    Object.entries(outputs).map(([key, output]) => [key, isObject(output) && 'value' in output ? output.value : output]),
  );
}

function terraformRecord(outputs: unknown, cloud: Cloud, releases: string): RegistrationRecord {
  const values = outputValues(outputs);
  const names = CUSTOMER_INTERFACE[cloud].outputs;
  const release = text(values, names.template, 'output ');
  const at = release.lastIndexOf('@');
  if (at <= 0) throw new Refused(`output ${names.template} "${release}" is not <name>@<version>`);
  const name = release.slice(0, at);
  const version = release.slice(at + 1);
  const dir = publishedRelease(releases, name, version);
  if (!existsSync(join(dir, cloud))) throw new Refused(`${release} has no ${CLOUD_NAMES[cloud]} template`);
  const read = CLOUD_PROVIDERS[cloud].terraformRegistration!;
  const { identity, fields } = read({
    text: (key) => text(values, key, 'output '),
    optional: (key) => (values[key] === undefined ? undefined : text(values, key, 'output ')),
    refuse: (reason) => {
      throw new Refused(reason);
    },
  });
  return { id: recordId(cloud, identity), cloud, requestType: 'Create', template: { name, version }, ...fields };
}

/**
 * PUTs the response to CloudFormation's presigned URL (no Content-Type: the signature covers
 * it as empty). Only https, or http to this machine (a test's local server).
 */
function putResponse(url: string, body: string): Promise<void> {
  const target = new URL(url);
  const local = target.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname);
  if (target.protocol !== 'https:' && !local) return Promise.reject(new Error(`ResponseURL ${target.origin} is not https`));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) }, timeout: 30_000 },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300
            ? resolve()
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 30 seconds')));
    req.on('error', reject);
    req.end(body);
  });
}
