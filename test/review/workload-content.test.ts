import { permissionsReview } from '../../lib/review/permissions-review';
import { modelFromText, VALID_SPEC } from '../support/fixtures';

/**
 * The code the vendor deploys runs as the workload identities, so a content-reading set in
 * workloadIdentities is content the vendor's code reads, even when the vendor's own identity
 * holds no contentRead set: the review says so apart.
 */
const spec = (sets: string) =>
  `${VALID_SPEC.replace('permissions: [logs/read]', 'permissions: [logs/read, code/update]')}workloadIdentities:\n  identities:\n    - { name: app, services: [ecs-tasks] }\n  permissions: [${sets}]\n`;

test('a workload identity that reads content is shown apart, naming the sets', () => {
  const review = permissionsReview(modelFromText(spec('storage/data-read, kv/data-write')));
  expect(review).toContain('### Reads your content through the application');
  expect(review).toMatch(/may read content \(`storage\/data-read`\), and the code the vendor deploys runs as them/);
});

test('workload identities that read no content add no such section', () => {
  expect(permissionsReview(modelFromText(spec('kv/data-write')))).not.toContain('through the application');
});
