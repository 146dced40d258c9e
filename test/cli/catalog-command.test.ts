import { builtInCatalog } from '../../lib/catalog/catalog';
import { permissionSetSchema } from '../../lib/catalog/permission-set-schema';
import { CLOUDS } from '../../lib/core/variables';
import { run } from '../support/run-cli';

const sets = builtInCatalog().sets;

describe('alien-trust catalog', () => {
  test('prints one row per set with its clouds and description, privileged and content-reading sets marked', async () => {
    const { code, out } = await run('catalog');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+CLOUDS\s+DESCRIPTION$/);
    for (const set of sets) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${set.id}${set.privileged ? ' !' : ''}${set.contentRead ? ' c' : ''}\\s+${CLOUDS.filter((c) => set[c]).join(',')}\\s+${set.description.replace(/[.()]/g, '\\$&')}$`,
          ),
        ),
      );
    }
    expect(out).toContain(`${sets.length} sets.`);
  });

  test('--json prints every set in the catalog schema', async () => {
    const printed = JSON.parse((await run('catalog', '--json')).out);
    expect(printed).toEqual(sets);
    for (const set of printed) expect(permissionSetSchema.safeParse(set).success).toBe(true);
  });
});
