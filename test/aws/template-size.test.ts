import { CFN_TEMPLATE_LIMITS, templateSizeWarning } from '../../lib/aws/template-size';
import { LimitError } from '../../lib/core/limit-error';

const ofBytes = (n: number) => 'x'.repeat(n);

describe('the CloudFormation template size', () => {
  test('is silent up to the inline limit', () => {
    expect(templateSizeWarning(ofBytes(CFN_TEMPLATE_LIMITS.inline))).toBeUndefined();
  });

  test('warns past it, pointing at the S3 route', () => {
    expect(templateSizeWarning(ofBytes(CFN_TEMPLATE_LIMITS.inline + 1))).toMatch(/takes 51201 bytes, over the 51200 .* --s3-bucket/);
  });

  test('counts bytes, not characters', () => {
    expect(templateSizeWarning('é'.repeat(CFN_TEMPLATE_LIMITS.inline / 2 + 1))).toMatch(/takes 51202 bytes/);
  });

  test('refuses a template no route can deploy, past the 1 MB of a template URL', () => {
    expect(templateSizeWarning(ofBytes(CFN_TEMPLATE_LIMITS.url))).toBeDefined();
    expect(() => templateSizeWarning(ofBytes(CFN_TEMPLATE_LIMITS.url + 1))).toThrow(LimitError);
    expect(() => templateSizeWarning(ofBytes(CFN_TEMPLATE_LIMITS.url + 1))).toThrow(
      /^aws: template size: the template takes 1048577 bytes/,
    );
  });
});
