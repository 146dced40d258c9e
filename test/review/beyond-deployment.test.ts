import { permissionsReview } from '../../lib/review/permissions-review';
import { modelFromText, VALID_SPEC } from '../support/fixtures';

/** GCP grants that hold on the whole project are shown apart, with each set's reason. */
test('project-wide GCP sets are listed under "Reaches beyond the deployment", and only they', () => {
  const review = permissionsReview(
    modelFromText(VALID_SPEC.replace('permissions: [logs/read]', 'permissions: [logs/read, storage/data-write]')),
  );
  const section = /### Reaches beyond the deployment\n\n[^\n]+\n\n((?:- .+\n)+)/.exec(review)![1];
  expect(section).toContain('- `logs/read`: ');
  expect(section).not.toContain('storage/data-write');
});

test('a spec without GCP has no such section', () => {
  const review = permissionsReview(modelFromText(VALID_SPEC, ['aws']));
  expect(review).not.toContain('Reaches beyond the deployment');
});
