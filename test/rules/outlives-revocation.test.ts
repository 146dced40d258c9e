import { builtInCatalog } from '../../lib/catalog/catalog';
import { outlivesRevocationMarkIsNeeded, outlivingGrants, outlivingGrantsAreMarked } from '../../lib/rules/common/outlives-revocation';
import { permissionsReview } from '../../lib/review/permissions-review';
import { parseSpec } from '../../lib/input/load-spec';
import type { PermissionSetSpec } from '../../lib/catalog/permission-set-schema';
import { SpecError } from '../../lib/core/spec-error';
import { checkWorkloadIdentities } from '../../lib/input/workload-identities';
import { modelFromText, VALID_SPEC } from '../support/fixtures';

const set = (extra: Partial<PermissionSetSpec>): PermissionSetSpec =>
  ({ id: 'app/policies', description: 'x', ...extra }) as PermissionSetSpec;
const queuePolicy = {
  aws: [{ actions: ['sqs:SetQueueAttributes'], resources: ['arn:${partition}:sqs:${region}:${account}:${prefix}-*'] }],
};

describe('grants whose effect outlasts revocation', () => {
  test('need the marking, with how to find what they left on each cloud they touch', () => {
    expect(outlivingGrantsAreMarked(set(queuePolicy))).toEqual([
      {
        path: ['aws', 0, 'actions', 0],
        message: expect.stringMatching(
          /^sqs:SetQueueAttributes writes a queue's resource policy, which revoking does not undo; only a set with "outlivesRevocation"/,
        ),
      },
    ]);
    expect(outlivingGrantsAreMarked(set({ ...queuePolicy, outlivesRevocation: { reason: 'Policies.' } }))).toEqual([
      { path: ['outlivesRevocation', 'aws'], message: expect.stringContaining('say how the customer finds and removes') },
    ]);
    expect(
      outlivingGrantsAreMarked(set({ ...queuePolicy, outlivesRevocation: { reason: 'Policies.', aws: 'aws sqs get-queue-attributes …' } })),
    ).toEqual([]);
  });

  test('a marking on a set that leaves nothing behind is refused', () => {
    const reads = { aws: [{ actions: ['sqs:GetQueueAttributes'], resources: ['arn:${partition}:sqs:${region}:${account}:${prefix}-*'] }] };
    expect(outlivesRevocationMarkIsNeeded(set({ ...reads, outlivesRevocation: { reason: 'x', aws: 'y' } }))).toHaveLength(1);
  });

  test('cover trust policies, resource policies, identity attachment, Pub/Sub subscriptions and credential resets', () => {
    const found = builtInCatalog().sets.flatMap((s) => outlivingGrants(s).map((g) => g.operation));
    // No built-in set writes a trust policy any more (iam:CreateRole is refused outright by
    // identitiesAreTheTemplates), nor a queue's or topic's policy or a Pub/Sub subscription
    // (refused by the queue sets: test/adversary/resource-policies.test.ts, pubsub.test.ts),
    // nor an ECR repository policy (refused by artifact-registry/provision:
    // test/adversary/infra-attacks.test.ts); the rule still covers them for custom sets.
    for (const op of ['ses:CreateReceiptRule', 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', 'rds:ModifyDBInstance']) {
      expect(found).toContain(op);
    }
  });

  test('the review lists, per cloud, what each granted marked set leaves and how to find it; and deployed code for every spec', () => {
    const review = permissionsReview(
      modelFromText(
        VALID_SPEC.replace('[logs/read]', '[logs/read, email/provision, azure-storage-account/provision, postgres/management]'),
      ),
    );
    const section = review.slice(review.indexOf('### What revoking does not undo'));
    expect(section).toContain('**Deployed code keeps running**');
    expect(section).toContain('- **AWS, `email/provision`**:');
    expect(section).toContain('- **Azure, `azure-storage-account/provision`**:');
    expect(section).toContain('- **AWS, `postgres/management`**:');
    expect(section).toContain('--manage-master-user-password');
    expect(review).toContain('> **Outlives revocation**:');
    const plain = permissionsReview(modelFromText(VALID_SPEC));
    expect(plain).toContain('- Nothing else: no granted set writes a trust or resource policy');
  });

  test('workloadIdentities may name a marked set only when the spec opts in', () => {
    // Every marked built-in set is privileged too, which workloadIdentities refuses outright;
    // a custom set can be marked without being privileged.
    const spec = (opt: string) => `name: acme-app
version: 1.0.0
managingIdentity:
  gcp: { serviceAccount: alien-control@alien-prod.iam.gserviceaccount.com }
clouds: [gcp]
permissions: [logs/read, app/subscribe]
customPermissionSets:
  - id: app/subscribe
    description: Subscribe the deployment's consumers.
    gcp: { projectWide: Pub/Sub takes no IAM conditions., permissions: [pubsub.subscriptions.create] }
    outlivesRevocation: { reason: A subscription keeps receiving., gcp: gcloud pubsub subscriptions list }
workloadIdentities: { identities: [{ name: api, services: [lambda] }], permissions: [app/subscribe]${opt} }
`;
    const catalog = builtInCatalog();
    const problems = (text: string) => {
      try {
        checkWorkloadIdentities(parseSpec(text, 'spec.yaml', catalog.ids), catalog);
        return [];
      } catch (e) {
        if (!(e instanceof SpecError)) throw e;
        return e.message.split('\n');
      }
    };
    expect(problems(spec(''))).toEqual([
      expect.stringMatching(
        /workloadIdentities\.permissions\[0\]: "app\/subscribe" grants what revoking does not undo .*set workloadIdentities\.allowOutlivingRevocation: true/,
      ),
    ]);
    expect(problems(spec(', allowOutlivingRevocation: true'))).toEqual([]);
  });
});
