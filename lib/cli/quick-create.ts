import { EXTERNAL_ID } from '../aws/external-id';
import { CUSTOMER_ID } from '../core/customer-binding';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { awsStackName, RESOURCE_PREFIX } from '../core/names';
import { SPEC_NAME } from '../input/trust-spec-schema';
import { UsageError } from '../core/usage-error';

const S3_HOST = /^([a-z0-9][a-z0-9.-]*\.)?s3([.-][a-z0-9-]+)*\.amazonaws\.com$/;
/** A region of the `aws` partition, the only one the templates trust from (see the spec schema). */
const REGION = /^[a-z]{2}-[a-z]+-\d{1,2}$/;
/** Regions of other partitions, with their own consoles and principals. */
const OTHER_PARTITION_REGION = /^(cn-|us-gov-|us-iso|eu-isoe-)/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

interface QuickCreate {
  readonly templateUrl: string;
  readonly region: string;
  readonly prefix: string;
  readonly stackName?: string;
  /**
   * The spec's name, for the default stack name `<prefix>-<name>`; when absent, read from the
   * template URL's release path (`…/<name>/v<version>/aws/template.json`).
   */
  readonly product?: string;
  /** The role form's per-customer secret. */
  readonly externalId?: string;
  /** The OIDC form's per-customer subject part. */
  readonly customerId?: string;
}

/**
 * The options that name one customer's deployment, for `link` and `handoff` alike; each is
 * checked by the rule below that its template checks it with.
 */
export const CUSTOMER_OPTIONS = {
  templateUrl: {
    name: 'template-url',
    value: 'URL',
    description: "The published template's https URL on an Amazon S3 host, ending in <name>/v<version>/aws/template.json.",
  },
  region: { name: 'region', value: 'REGION', description: 'The AWS region the customer launches the stack in, such as eu-west-1.' },
  prefix: {
    name: 'prefix',
    value: 'PREFIX',
    description: `The deployment's resource prefix, which every grant is scoped to: ${RESOURCE_PREFIX.description}.`,
  },
  externalId: {
    name: 'external-id',
    value: 'ID',
    description: `The customer's external id, for the AWS role form: ${EXTERNAL_ID.minLength}–${EXTERNAL_ID.maxLength} letters, digits and _+=,.@:/- characters.`,
  },
  customerId: { name: 'customer-id', value: 'ID', description: `The customer's id: ${CUSTOMER_ID.description}.` },
} as const;

/** Each rule an input to the quick-create link obeys, as the template's own parameters do. */
export function checkExternalId(value: string, flag = '--external-id'): string {
  if (value.length < EXTERNAL_ID.minLength || value.length > EXTERNAL_ID.maxLength || !new RegExp(EXTERNAL_ID.pattern).test(value)) {
    throw new UsageError(`${flag}: ${EXTERNAL_ID.minLength}–${EXTERNAL_ID.maxLength} letters, digits and _+=,.@:/- characters`);
  }
  return value;
}

export function checkCustomerId(value: string, flag = '--customer-id'): string {
  if (!new RegExp(CUSTOMER_ID.pattern).test(value))
    throw new UsageError(`${flag}: ${CUSTOMER_ID.description}, for example ${CUSTOMER_ID.example}; got "${value}"`);
  return value;
}

export function checkPrefix(value: string, flag = '--prefix'): string {
  if (!new RegExp(RESOURCE_PREFIX.pattern).test(value))
    throw new UsageError(`${flag}: ${RESOURCE_PREFIX.description}, for example ${RESOURCE_PREFIX.example}`);
  return value;
}

/** A published template's product: its URL ends in the release path `<name>/v<version>/aws/template.json`. */
const RELEASE_PATH = /\/([^/]+)\/v[^/]+\/aws\/template\.json$/;

function productOf(url: URL): string {
  const name = url.pathname.match(RELEASE_PATH)?.[1];
  if (name === undefined || !SPEC_NAME.test(name)) {
    throw new UsageError(
      '--stack-name is required: the template URL does not end in a release path <name>/v<version>/aws/template.json to name the stack <prefix>-<name> after',
    );
  }
  return name;
}

/** The CloudFormation quick-create URL a customer opens to launch the stack; every input is checked first. */
export function quickCreateUrl(input: QuickCreate): string {
  let url: URL | undefined;
  try {
    url = new URL(input.templateUrl);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || !S3_HOST.test(url.hostname)) {
    throw new UsageError(
      `--template-url: an https:// URL on an Amazon S3 host (bucket.s3.<region>.amazonaws.com), got "${input.templateUrl}"`,
    );
  }
  const { region } = input;
  if (OTHER_PARTITION_REGION.test(region)) {
    throw new UsageError(
      `--region: ${region} is outside the aws partition of the vendor's role; the templates can be launched only in aws regions such as eu-west-1`,
    );
  }
  if (!REGION.test(region)) throw new UsageError(`--region: an AWS region such as eu-west-1, got "${region}"`);
  if (input.externalId === undefined && input.customerId === undefined)
    throw new UsageError('--external-id (role templates) or --customer-id (OIDC templates) is required');
  const prefix = checkPrefix(input.prefix);
  const stackName = input.stackName ?? awsStackName(prefix, input.product ?? productOf(url));
  if (!STACK_NAME.test(stackName)) throw new UsageError(`--stack-name: a letter, then up to 127 letters, digits and hyphens`);

  const inputs = CUSTOMER_INTERFACE.aws.inputs;
  const parameters: [string, string | undefined][] = [
    [inputs.externalId, input.externalId === undefined ? undefined : checkExternalId(input.externalId)],
    [inputs.customerId, input.customerId === undefined ? undefined : checkCustomerId(input.customerId)],
    [inputs.prefix, prefix],
  ];
  const query = [
    `templateURL=${encodeURIComponent(input.templateUrl)}`,
    `stackName=${encodeURIComponent(stackName)}`,
    ...parameters.filter(([, v]) => v !== undefined).map(([name, v]) => `param_${name}=${encodeURIComponent(v!)}`),
  ].join('&');
  return `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/quickcreate?${query}`;
}
