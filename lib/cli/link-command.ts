import type { Io } from './io';
import { quickCreateUrl } from './quick-create';
import { UsageError } from './usage-error';

export interface LinkOptions {
  readonly 'template-url'?: string;
  readonly region?: string;
  readonly 'external-id'?: string;
  readonly 'customer-id'?: string;
  readonly prefix?: string;
  readonly 'stack-name'?: string;
}

/** `alien-trust link`: the CloudFormation quick-create URL a customer opens to launch the stack. */
export function linkCommand(options: LinkOptions, io: Io): number {
  io.out(
    quickCreateUrl({
      templateUrl: required(options, 'template-url'),
      region: required(options, 'region'),
      prefix: required(options, 'prefix'),
      externalId: options['external-id'],
      customerId: options['customer-id'],
      stackName: options['stack-name'],
    }),
  );
  return 0;
}

function required(options: LinkOptions, name: keyof LinkOptions): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
