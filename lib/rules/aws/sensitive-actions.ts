import type { Sensitive } from '../sensitive';

/**
 * AWS actions that can widen access or mint credentials. IAM reads (iam:GetRole) are fine, and
 * so is ecr:GetAuthorizationToken: its token carries only the caller's own ECR permissions.
 */
export const AWS_SENSITIVE_ACTIONS: readonly Sensitive[] = [
  { pattern: /^iam:PassRole$/, why: 'lets the vendor hand a role to a service' },
  { pattern: /^iam:(?!Get|List|Generate|Simulate)/, why: 'changes IAM identities, policies or credentials' },
  { pattern: /^sts:(?!GetCallerIdentity$)/, why: 'issues credentials' },
  {
    pattern: /^s3:(PutBucketPolicy|DeleteBucketPolicy|PutBucketAcl|PutObjectAcl|PutObjectVersionAcl|PutAccessPointPolicy)$/,
    why: 'changes who can reach a bucket',
  },
  {
    pattern: /^s3:(PutBucketPublicAccessBlock|DeletePublicAccessBlock|PutAccountPublicAccessBlock)$/,
    why: 'can lift the block on public access to a bucket',
  },
  { pattern: /^sqs:CreateQueue$/, why: "sets the new queue's access policy (its Policy attribute)" },
  { pattern: /^sns:CreateTopic$/, why: "sets the new topic's access policy (its Policy attribute)" },
  { pattern: /^(lambda|sqs|sns):(AddPermission|RemovePermission)$/, why: "changes a resource's access policy" },
  { pattern: /^sqs:SetQueueAttributes$/, why: "can replace the queue's access policy" },
  { pattern: /^sns:SetTopicAttributes$/, why: "can replace the topic's access policy" },
  {
    pattern: /^(secretsmanager|ecr|kms|logs):(Put|Set|Delete)(Resource|Repository|Key)?Policy$/,
    why: "changes a resource's access policy",
  },
  { pattern: /^kms:CreateGrant$/, why: 'grants use of a key to others' },
  { pattern: /^lambda:(Create|Update)FunctionUrlConfig$/, why: 'can expose a function on a public URL' },
  { pattern: /^codebuild:(StartBuild|StartBuildBatch)$/, why: "runs commands as the build project's role" },
  { pattern: /^rds:ModifyDB(Instance|Cluster)$/, why: 'can also reset the master password or change network exposure' },
];
