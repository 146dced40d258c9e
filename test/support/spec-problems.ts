import { builtInCatalog } from '../../lib/catalog/catalog';
import { parseSpec } from '../../lib/input/load-spec';
import { SpecError } from '../../lib/core/spec-error';

/** The formatted problems `parseSpec` finds in a spec text (`spec.yaml:<line>:<col>: …`), or [] when it is valid. */
export function specProblems(text: string): string[] {
  try {
    parseSpec(text, 'spec.yaml', builtInCatalog().ids);
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.message.split('\n');
  }
}
