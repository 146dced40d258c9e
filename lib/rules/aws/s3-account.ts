import type { SetRule } from '../finding';

/**
 * S3 bucket names are global: `${prefix}-*` also matches buckets of the same name in other
 * accounts. Every statement on bucket or object ARNs is pinned to the customer's account with
 * `s3:ResourceAccount`, so the vendor's session can never reach a bucket someone else created.
 */
export const awsS3StaysInTheAccount: SetRule = (set) =>
  (set.aws ?? []).flatMap((statement, s) => {
    const onBuckets = statement.resources.some((r) => r.startsWith('arn:${partition}:s3:::') || r.startsWith('arn:aws:s3:::'));
    const pinned = statement.conditions?.StringEquals?.['s3:ResourceAccount'] === '${account}';
    return onBuckets && !pinned
      ? [
          {
            path: ['aws', s, 'conditions'],
            message:
              'S3 bucket names are global; add StringEquals: { s3:ResourceAccount: "${account}" } so the statement reaches only the customer\'s own buckets',
          },
        ]
      : [];
  });
