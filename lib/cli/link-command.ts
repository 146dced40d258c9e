import { EXTERNAL_ID } from '../aws/external-id';
import { PREFIX_PARAMETER } from '../aws/aws-variables';
import { RESOURCE_PREFIX } from '../model/names';
import type { Io } from './io';
import { UsageError } from './usage-error';

export interface LinkOptions {
  readonly 'template-url'?: string;
  readonly region?: string;
  readonly 'external-id'?: string;
  readonly prefix?: string;
  readonly 'stack-name'?: string;
}

const S3_HOST = /^([a-z0-9][a-z0-9.-]*\.)?s3([.-][a-z0-9-]+)*\.amazonaws\.com$/;
/** A region of the `aws` partition, the only one the templates trust from (see the spec schema). */
const REGION = /^[a-z]{2}-[a-z]+-\d{1,2}$/;
/** Regions of other partitions, with their own consoles and principals. */
const OTHER_PARTITION_REGION = /^(cn-|us-gov-|us-iso|eu-isoe-)/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** `alien-trust link`: the CloudFormation quick-create URL a customer opens to launch the stack. */
export function linkCommand(options: LinkOptions, io: Io): number {
  const templateUrl = required(options, 'template-url');
  const region = required(options, 'region');
  const externalId = required(options, 'external-id');
  const prefix = required(options, 'prefix');
  const stackName = options['stack-name'] ?? `${prefix}-alien-trust`;

  let url: URL | undefined;
  try {
    url = new URL(templateUrl);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || !S3_HOST.test(url.hostname)) {
    throw new UsageError(`--template-url: an https:// URL on an Amazon S3 host (bucket.s3.<region>.amazonaws.com), got "${templateUrl}"`);
  }
  if (OTHER_PARTITION_REGION.test(region)) {
    throw new UsageError(`--region: ${region} is outside the aws partition of the vendor's role; the templates can be launched only in aws regions such as eu-west-1`);
  }
  if (!REGION.test(region)) throw new UsageError(`--region: an AWS region such as eu-west-1, got "${region}"`);
  if (externalId.length < EXTERNAL_ID.minLength || externalId.length > EXTERNAL_ID.maxLength || !new RegExp(EXTERNAL_ID.pattern).test(externalId)) {
    throw new UsageError(`--external-id: ${EXTERNAL_ID.minLength}–${EXTERNAL_ID.maxLength} letters, digits and _+=,.@:/- characters`);
  }
  if (!new RegExp(RESOURCE_PREFIX.pattern).test(prefix)) throw new UsageError(`--prefix: ${RESOURCE_PREFIX.description}`);
  if (!STACK_NAME.test(stackName)) throw new UsageError(`--stack-name: a letter, then up to 127 letters, digits and hyphens`);

  const query = [
    `templateURL=${encodeURIComponent(templateUrl)}`,
    `stackName=${encodeURIComponent(stackName)}`,
    `param_ExternalId=${encodeURIComponent(externalId)}`,
    `param_${PREFIX_PARAMETER}=${encodeURIComponent(prefix)}`,
  ].join('&');
  io.out(`https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/quickcreate?${query}`);
  return 0;
}

function required(options: LinkOptions, name: keyof LinkOptions): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
