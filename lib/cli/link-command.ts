import { defineCommand, type OptionValues } from './command';
import type { Io } from './io';
import { CUSTOMER_OPTIONS, quickCreateUrl } from './quick-create';

const OPTIONS = [
  { ...CUSTOMER_OPTIONS.templateUrl, required: true },
  { ...CUSTOMER_OPTIONS.region, required: true },
  { ...CUSTOMER_OPTIONS.prefix, required: true },
  { ...CUSTOMER_OPTIONS.externalId, oneOf: 'customer' },
  { ...CUSTOMER_OPTIONS.customerId, oneOf: 'customer' },
  {
    name: 'stack-name',
    value: 'NAME',
    description: 'The name of the stack the customer launches.',
    default: "<prefix>-<name>, the product's name read from the template URL",
  },
] as const;

export const link = defineCommand({
  name: 'link',
  summary: 'Print the CloudFormation quick-create URL for a published template.',
  description: [
    '--external-id for the role form, --customer-id for the OIDC form. Every value is checked with the rule the template checks it with.',
  ],
  options: OPTIONS,
  handler: linkCommand,
});

/** `alien-trust link`: the CloudFormation quick-create URL a customer opens to launch the stack. */
function linkCommand(options: OptionValues<typeof OPTIONS>, io: Io): number {
  io.out(
    quickCreateUrl({
      templateUrl: options['template-url'],
      region: options.region,
      prefix: options.prefix,
      externalId: options['external-id'],
      customerId: options['customer-id'],
      stackName: options['stack-name'],
    }),
  );
  return 0;
}
