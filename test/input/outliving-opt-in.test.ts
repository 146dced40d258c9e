import { builtInCatalog } from '../../lib/catalog/catalog';
import { parseSpec } from '../../lib/input/load-spec';
import { checkOutlivingOptIn } from '../../lib/input/outliving-opt-in';
import { SpecError } from '../../lib/core/spec-error';

const HEAD = `name: acme
version: 1.0.0
managingIdentity:
  aws:
    roleArn: arn:aws:iam::210987654321:role/alien
clouds: [aws]
`;

/** A set marked outlivesRevocation in the built-in catalog, and one that is not. */
const MARKED = builtInCatalog().sets.find((s) => s.outlivesRevocation && s.aws)!.id;

function problems(body: string): string[] {
  try {
    checkOutlivingOptIn(parseSpec(HEAD + body, 'spec.yaml', builtInCatalog().ids), builtInCatalog());
  } catch (e) {
    if (e instanceof SpecError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('allowOutlivingRevocation: grants that outlive the trust are opt-in, set by set', () => {
  test('a marked set granted without the opt-in is refused at its line, with both fixes', () => {
    expect(problems(`permissions: [logs/read, ${MARKED}]\n`)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^permissions\\[1\\]: "${MARKED}" grants what revoking does not undo \\(.+\\); add it to allowOutlivingRevocation to accept that, or remove it$`,
        ),
      ),
    ]);
  });

  test('listed, it is accepted', () => {
    expect(problems(`permissions: [logs/read, ${MARKED}]\nallowOutlivingRevocation: [${MARKED}]\n`)).toEqual([]);
  });

  test('a name there that is not granted, or leaves nothing behind, is refused', () => {
    expect(problems(`permissions: [logs/read]\nallowOutlivingRevocation: [${MARKED}, logs/read]\n`)).toEqual([
      `allowOutlivingRevocation[0]: "${MARKED}" is not granted; remove it from allowOutlivingRevocation`,
      'allowOutlivingRevocation[1]: "logs/read" leaves nothing behind after revoking; remove it from allowOutlivingRevocation',
    ]);
  });
});
