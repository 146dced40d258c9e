import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import type { PathSegment } from '../core/yaml-source';

/**
 * Operations that read the customer's content (object bodies, secret values, table items,
 * messages) rather than the settings of infrastructure. A set holding one is marked
 * `contentRead: true`, so that granting it is a visible choice.
 */
const CONTENT_READS = {
  aws: /^(s3:GetObject(Version)?|secretsmanager:GetSecretValue|ssm:GetParameters?|ssm:GetParametersByPath|sqs:ReceiveMessage|dynamodb:(GetItem|BatchGetItem|Query|Scan)|kms:Decrypt)$/,
  gcp: /^(storage\.objects\.get|secretmanager\.versions\.access|pubsub\.subscriptions\.consume|datastore\.entities\.(get|list))$/,
  azure: /\/(blobs\/read|secrets\/getSecret\/action|messages\/read|messages\/process\/action|entities\/read)$/i,
};

/** Every grant of the set that reads customer content, with its path. */
export function contentReads(set: PermissionSetSpec): { path: PathSegment[]; operation: string }[] {
  const found: { path: PathSegment[]; operation: string }[] = [];
  set.aws?.forEach((st, s) =>
    st.actions.forEach((a, i) => CONTENT_READS.aws.test(a) && found.push({ path: ['aws', s, 'actions', i], operation: a })),
  );
  set.gcp?.permissions.forEach((p, i) => CONTENT_READS.gcp.test(p) && found.push({ path: ['gcp', 'permissions', i], operation: p }));
  set.azure?.dataActions?.forEach(
    (op, i) => CONTENT_READS.azure.test(op) && found.push({ path: ['azure', 'dataActions', i], operation: op }),
  );
  return found;
}
