import type { PermissionSetSpec } from '../../catalog/permission-set-schema';
import type { Cloud } from '../../core/variables';
import { defineRule } from '../rule';
import { setGrants, type Grant } from '../sensitive';

/**
 * Grants whose effect can outlast the trust: what they write is kept after the customer deletes
 * the vendor's identity, and IAM cannot constrain its content (a trust or resource policy, a
 * subscription in another project, an identity attached to a resource, a reset credential).
 * A set holding one carries `outlivesRevocation` (why, and how to find and remove what it left),
 * which the review lists under "What revoking does not undo" and synth names.
 *
 * Deploying code that runs as a workload's identity is left out on purpose: it is what every
 * deployment does, and the review says for every spec that deployed code keeps running.
 */
const OUTLIVING: Readonly<Record<Cloud, readonly { pattern: RegExp; what: string }[]>> = {
  aws: [
    { pattern: /^iam:(CreateRole|UpdateAssumeRolePolicy)$/, what: 'writes a trust policy, whose principals IAM cannot constrain' },
    {
      pattern: /^s3:(PutBucketPolicy|PutBucketAcl|PutObjectAcl|PutBucketPublicAccessBlock|DeleteBucketPublicAccessBlock)$/,
      what: 'writes who may reach a bucket',
    },
    { pattern: /^sqs:(CreateQueue|SetQueueAttributes|AddPermission)$/, what: "writes a queue's resource policy" },
    { pattern: /^sns:(CreateTopic|SetTopicAttributes|AddPermission)$/, what: "writes a topic's resource policy" },
    {
      pattern: /^(secretsmanager:PutResourcePolicy|kms:PutKeyPolicy|kms:CreateGrant|logs:PutResourcePolicy)$/,
      what: 'writes who may use a secret, key or log group',
    },
    { pattern: /^ecr:(SetRepositoryPolicy|PutRegistryPolicy)$/, what: "writes a repository's or the registry's resource policy" },
    {
      pattern: /^s3:(PutBucketNotification|PutBucketNotificationConfiguration)$/,
      what: "sends a bucket's object events (keys and metadata) to a queue, topic or function that may be another account's",
    },
    { pattern: /^lambda:AddPermission$/, what: "writes a function's resource policy" },
    { pattern: /^ses:(CreateReceiptRule|UpdateReceiptRule|CreateReceiptRuleSet)$/, what: 'sends received mail where a rule says' },
    { pattern: /^rds:(ModifyDBInstance|ModifyDBCluster)$/, what: "can reset a database's master password" },
  ],
  gcp: [
    {
      pattern: /^pubsub\.(subscriptions\.create|topics\.attachSubscription|subscriptions\.update)$/,
      what: 'attaches a subscription, possibly in another project, or repoints a push endpoint',
    },
    { pattern: /\.setIamPolicy$/, what: "writes a resource's IAM policy" },
    // A bucket's notification configurations need storage.buckets.update, and may name a topic
    // of any project: object names and metadata keep flowing there after revoking.
    {
      pattern: /^storage\.buckets\.update$/,
      what: "adds notifications that send a bucket's object events to a topic that may be another project's",
    },
  ],
  azure: [
    {
      pattern: /^Microsoft\.ManagedIdentity\/userAssignedIdentities\/assign\/action$/i,
      what: 'attaches an identity to a resource, which keeps getting tokens for it',
    },
    { pattern: /^Microsoft\.Storage\/storageAccounts\/write$/i, what: 'can open a storage account to public access' },
    { pattern: /^Microsoft\.EventGrid\/eventSubscriptions\/write$/i, what: 'sends events to any endpoint, a webhook of anyone included' },
  ],
};

export interface OutlivingGrant extends Grant {
  readonly what: string;
}

/** Every grant of the set whose effect can outlast the trust. */
export function outlivingGrants(set: PermissionSetSpec): OutlivingGrant[] {
  return setGrants(set).flatMap((g) => {
    const hit = OUTLIVING[g.cloud].find((o) => o.pattern.test(g.operation));
    return hit ? [{ ...g, what: hit.what }] : [];
  });
}

export const outlivingGrantsAreMarked = defineRule(
  {
    id: 'outlives-revocation-marked',
    summary:
      'A grant whose effect can outlast the trust (a trust or resource policy, a subscription in another project, an identity attached to a resource, a reset credential) is only in a set with `outlivesRevocation`: the reason, and per cloud how the customer finds and removes what it left.',
    why: 'Deleting the vendor\'s identity does not undo what such a grant wrote, and IAM cannot constrain its content; the review lists it under "What revoking does not undo", so the customer knows what to clean up.',
  },
  (set) =>
    outlivingGrants(set).flatMap((g) => {
      if (!set.outlivesRevocation) {
        return [
          {
            path: g.path,
            message: `${g.operation} ${g.what}, which revoking does not undo; only a set with "outlivesRevocation" (reason, and per cloud how to find and remove what it left) may grant it`,
          },
        ];
      }
      if (!set.outlivesRevocation[g.cloud]) {
        return [
          {
            path: ['outlivesRevocation', g.cloud],
            message: `say how the customer finds and removes what ${g.operation} left on ${g.cloud} after revoking`,
          },
        ];
      }
      return [];
    }),
);

export const outlivesRevocationMarkIsNeeded = defineRule(
  {
    id: 'outlives-revocation-needed',
    summary: '`outlivesRevocation` only on a set that grants something whose effect outlasts revocation.',
    why: 'The marking on a set that leaves nothing behind would send reviewers (and customers cleaning up) looking in vain.',
  },
  (set) =>
    set.outlivesRevocation && outlivingGrants(set).length === 0
      ? [{ path: ['outlivesRevocation'], message: 'the set grants nothing that outlasts revocation; remove "outlivesRevocation"' }]
      : [],
);
