import { builtInCatalog } from '../../lib/catalog/catalog';
import { code, mermaidLabel } from '../../lib/core/markdown';
import { permissionsReview } from '../../lib/review/permissions-review';
import { modelFromText, modelOf, VALID_SPEC } from '../support/fixtures';

const full = modelOf('full');
const review = permissionsReview(full);

describe('the permissions review', () => {
  test('says who can get in on each cloud, under which conditions and for how long', () => {
    const aws = full.aws as Extract<typeof full.aws, { kind: 'role' }>;
    const gcp = full.gcp as Extract<typeof full.gcp, { kind: 'pinned' }>;
    expect(review).toContain(`only the vendor's IAM role \`${aws.managingRoleArn}\`, through \`sts:AssumeRole\``);
    expect(review).toContain('the external id you enter as `ExternalId` (`sts:ExternalId`)');
    expect(review).toContain(`credentials last at most ${full.aws!.maxSessionDuration} seconds`);
    expect(review).toContain(
      `only the vendor's service account \`${gcp.serviceAccount}\`, which gets \`roles/iam.serviceAccountTokenCreator\` on this one service account`,
    );
    expect(review).toContain(
      `from the issuer \`${full.azure!.issuer}\` with the subject \`${(full.azure as { subject: string }).subject}\``,
    );
    expect(review).toContain(`audience (\`${full.azure!.audience}\`) must all match exactly`);
  });

  test('names what the customer sends back on each cloud', () => {
    // full declares workload identities, whose roles the vendor needs too.
    expect(review).toContain('the stack outputs `RoleArn`, `WorkloadRoleArns`');
    expect(review).toContain('the output `service_account_email`');
    expect(review).toContain('the outputs `client_id`, `tenant_id`, `principal_id`');
  });

  test('names the AWS service-linked roles and the VPC tag the granted sets need, and only then', () => {
    const needing = permissionsReview(modelFromText(VALID_SPEC.replace('[logs/read]', '[compute-cluster/provision, container/provision]')));
    expect(needing).toContain('service-linked role in the account');
    expect(needing).toContain('`elasticloadbalancing.amazonaws.com`, `autoscaling.amazonaws.com`');
    expect(needing).toContain('it carries the tag `deployment=<ResourcePrefix>`');
    const balancerOnly = permissionsReview(modelFromText(VALID_SPEC.replace('[logs/read]', '[container/management]')));
    expect(balancerOnly).not.toContain('service-linked role');
    expect(balancerOnly).not.toContain('carries the tag `deployment=');
    expect(review).not.toContain('service-linked role');
  });

  test('draws one Mermaid diagram per cloud', () => {
    expect(review.match(/^```mermaid\nflowchart LR$/gm)).toHaveLength(3);
  });

  test('lists every granted action, permission and operation with its set', () => {
    for (const set of full.permissionSets) {
      const section = review.slice(review.indexOf(`### \`${set.id}\``));
      expect(section).toContain(set.description);
      for (const action of (set.aws ?? []).flatMap((s) => s.actions)) expect(section).toContain(`\`${action}\``);
      for (const permission of set.gcp?.permissions ?? []) expect(section).toContain(`\`${permission}\``);
      for (const op of [...(set.azure?.actions ?? []), ...(set.azure?.dataActions ?? [])]) expect(section).toContain(`\`${op}\``);
    }
  });

  test("shows each GCP grant's condition or why it is project-wide", () => {
    expect(review).toContain('Scope: only where `resource.name.startsWith("projects/_/buckets/${prefix}-")`');
    expect(review).toContain('Scope: on the whole project `<project_id>`: Pub/Sub ignores IAM conditions on resource names.');
  });

  test('flags privileged sets with their reason', () => {
    const model = modelFromText(VALID_SPEC.replace('[logs/read]', '[functions/provision]'));
    expect(permissionsReview(model)).toContain(
      `> **Privileged**: this set can change access or hand out credentials. ${builtInCatalog().get('functions/provision')!.privilegedReason}`,
    );
  });

  test('says "*" is for actions that take no resource type, and where a condition limits it instead', () => {
    const spec = `${VALID_SPEC.replace('[logs/read]', '[app/tasks]')}customPermissionSets:
  - id: app/tasks
    description: List the deployment's tasks.
    aws:
      - actions: [ecr:GetAuthorizationToken]
        resources: ["*"]
      - actions: [ecs:ListTasks]
        resources: ["*"]
        conditions: { ArnLike: { ecs:cluster: "arn:\${partition}:ecs:\${region}:\${account}:cluster/\${prefix}-*" } }
    unsupported: { gcp: Tasks stay in AWS., azure: Tasks stay in AWS. }
`;
    const text = permissionsReview(modelFromText(spec));
    expect(text).toContain(
      '- `ecr:GetAuthorizationToken` on any resource (`*`: these actions take no resource type, so IAM cannot limit them to particular resources)',
    );
    expect(text).toContain(
      '- `ecs:ListTasks` on any resource (`*`), only when `ecs:cluster` ArnLike `arn:${partition}:ecs:${region}:${account}:cluster/${prefix}-*`',
    );
    expect(text).not.toContain('name none');
  });

  test('says where a set grants nothing, and why', () => {
    const spec = `${VALID_SPEC.replace('[logs/read]', '[app/export]')}customPermissionSets:
  - id: app/export
    description: Export reports.
    aws:
      - actions: [s3:PutObject]
        resources: ["arn:\${partition}:s3:::\${prefix}-reports/*"]
        conditions: { StringEquals: { s3:ResourceAccount: "\${account}" } }
    unsupported: { gcp: Reports stay in AWS., azure: Reports stay in AWS. }
`;
    const text = permissionsReview(modelFromText(spec));
    expect(text).toContain('Export reports. (defined in the trust spec)');
    expect(text).toContain('- **GCP**: not granted. Reports stay in AWS.');
    expect(text).toContain('- **Azure**: not granted. Reports stay in AWS.');
  });

  test('gives the revocation commands for each cloud and what stops working', () => {
    expect(review).toContain("aws iam update-assume-role-policy --role-name '<ResourcePrefix>-alien-app-<region>'");
    expect(review).toContain(
      `--member='serviceAccount:${(full.gcp as { serviceAccount: string }).serviceAccount}' --role=roles/iam.serviceAccountTokenCreator`,
    );
    expect(review).toContain(
      "az identity federated-credential delete --name alien-control-plane --identity-name '<resource_prefix>-alien-app'",
    );
    // GCP and Azure, and in full (which has workload identities) the trust section's lifetime line on each cloud.
    expect(review.match(/terraform destroy/g)).toHaveLength(5);
    expect(review).toContain('Revoking stops the vendor from deploying updates, reading logs and running commands');
  });

  test("covers only the spec's clouds", () => {
    const awsOnly = permissionsReview(modelOf('aws-only'));
    expect(awsOnly).toContain('### AWS');
    expect(awsOnly).not.toMatch(/### (GCP|Azure)/);
  });

  test('is the same text every time', () => {
    expect(permissionsReview(modelOf('full'))).toBe(review);
  });

  test('matches the reviewed snapshot', () => {
    expect(review).toMatchSnapshot();
  });
});

describe('Markdown escaping of spec text', () => {
  test('a code span holds backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
  });

  test('a Mermaid label cannot close its quotes', () => {
    expect(mermaidLabel('repo:"x"<y>')).toBe('"repo:#quot;x#quot;#lt;y#gt;"');
  });
});

describe('sets that read customer content', () => {
  test('are named up front and shown apart, each with its mark', () => {
    const text = permissionsReview(modelFromText(VALID_SPEC.replace('[logs/read]', '[logs/read, storage/data-read, vault/data-read]')));
    expect(text).toContain('### Reads your content');
    expect(text).toContain('not only their configuration: `storage/data-read`, `vault/data-read`.');
    const content = text.indexOf('## Content');
    expect(content).toBeGreaterThan(text.indexOf('### `logs/read`'));
    expect(text.indexOf('### `storage/data-read`')).toBeGreaterThan(content);
    expect(text.match(/> \*\*Reads content\*\*/g)).toHaveLength(2);
  });

  test('a spec that grants none has no content section', () => {
    const text = permissionsReview(modelFromText(VALID_SPEC));
    expect(text).not.toContain('## Content');
    expect(text).not.toContain('Reads your content');
  });
});
