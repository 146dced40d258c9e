import { catalog } from './catalog-command';
import { check } from './check-command';
import type { Command } from './command';
import { diff } from './diff-command';
import { explain } from './explain-command';
import { handoff } from './handoff-command';
import { link } from './link-command';
import { register } from './register-command';
import { releaseInfo } from './release-info-command';
import { synth } from './synth-command';

/** Every command, in the order `--help` and docs/cli.md list them. */
export const COMMANDS: readonly Command[] = [synth, check, link, handoff, explain, catalog, releaseInfo, diff, register];
