import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationValidatePlugin, type IPolicyValidationContext, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { PACKAGE_ROOT } from '../core/package-root';

/** Where validation reports are kept between runs (the usual home of tool caches). */
export const VALIDATION_CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'alien-trust', 'cfn-validate');

/** aws-cdk-lib pins the validator and its rule settings, so its version is part of every key. */
const CDK_VERSION: string = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version;

/**
 * aws-cdk-lib's own CloudFormation validation, with its reports kept by content: the key is the
 * exact bytes of every template, the account and region they are checked for, and the
 * aws-cdk-lib version. Building the validator's rule engine takes about two seconds per
 * process; a template already validated is not validated again, and any change to it, to
 * aws-cdk-lib or to the rules misses the cache and runs the full validation. Set
 * ALIEN_TRUST_VALIDATION_CACHE=off to validate every time.
 */
export class CachedCloudFormationValidatePlugin extends CloudFormationValidatePlugin {
  /** The validator version of the last report; read by aws-cdk-lib after `validate`. */
  private reportVersion?: string;

  /** Asking the validator its version loads its WebAssembly module, so a cached report keeps it. */
  override get version(): string | undefined {
    return this.reportVersion;
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    if (process.env.ALIEN_TRUST_VALIDATION_CACHE === 'off') return this.validateNow(context);
    const file = join(VALIDATION_CACHE_DIR, `${cacheKey(context)}.json`);
    const cached = readCached(file);
    if (cached) {
      this.reportVersion = cached.version;
      return cached.report;
    }
    const report = this.validateNow(context);
    writeCached(file, { report, version: this.reportVersion });
    return report;
  }

  private validateNow(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = super.validate(context);
    this.reportVersion = super.version;
    return report;
  }
}

interface CachedReport {
  readonly report: PolicyValidationPluginReport;
  readonly version?: string;
}

function cacheKey(context: IPolicyValidationContext): string {
  const hash = createHash('sha256').update(`aws-cdk-lib ${CDK_VERSION}\n`);
  for (const { templatePath, accountId, region } of context.stackTemplates) {
    hash.update(JSON.stringify({ accountId, region })).update(readFileSync(templatePath));
  }
  return hash.digest('hex');
}

function readCached(file: string): CachedReport | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    // A missing entry is the usual miss; an unreadable or corrupt one is treated the same,
    // which only costs a fresh validation.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/** Written beside and renamed, so a concurrent reader never sees half a report. */
function writeCached(file: string, cached: CachedReport): void {
  mkdirSync(VALIDATION_CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(cached));
  renameSync(partial, file);
}
