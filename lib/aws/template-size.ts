import { LimitError } from '../core/limit-error';

/** CloudFormation's template size limits, in bytes. */
export const CFN_TEMPLATE_LIMITS = {
  /** `aws cloudformation deploy --template-file` (and create-stack --template-body) sends the template inline. */
  inline: 51_200,
  /** A template read from S3: a quick-create link, or `deploy --s3-bucket`. */
  url: 1_048_576,
} as const;

/**
 * Checks the template's size: over the URL limit no customer can deploy it (a LimitError);
 * over the inline limit only the S3 route works, so the caller is told to use it.
 * Returns the warning to print, if any.
 */
export function templateSizeWarning(template: string): string | undefined {
  const bytes = Buffer.byteLength(template);
  if (bytes > CFN_TEMPLATE_LIMITS.url) {
    throw new LimitError(
      'aws',
      'template size',
      `the template takes ${bytes} bytes; CloudFormation reads at most ${CFN_TEMPLATE_LIMITS.url} from S3. Grant fewer permission sets.`,
    );
  }
  if (bytes <= CFN_TEMPLATE_LIMITS.inline) return undefined;
  return `aws: the template takes ${bytes} bytes, over the ${CFN_TEMPLATE_LIMITS.inline} that "aws cloudformation deploy --template-file" sends inline: launch it from its S3 URL (the quick-create link) or deploy with --s3-bucket (see docs/customer-aws.md, "Large templates")`;
}
