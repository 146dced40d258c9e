import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { vendorServiceAccountPattern } from '../model/customer-binding';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { TrustModel } from '../model/trust-model';
import { toJson, type ReleaseFiles } from '../output/generate';
import { writeRelease } from '../output/write-release';
import type { Io } from './io';
import { checkOutDir, shown, specPath } from './project-paths';
import { checkCustomerId, checkPrefix, quickCreateUrl } from './quick-create';
import { loadModel } from './spec-options';
import { UsageError } from './usage-error';

export interface HandoffOptions {
  readonly spec?: string;
  readonly 'customer-id'?: string;
  readonly prefix?: string;
  readonly out?: string;
  readonly 'template-url'?: string;
  readonly region?: string;
  readonly 'external-id'?: string;
  readonly 'vendor-service-account'?: string;
}

/** The record the vendor keeps, and the files the customer gets. */
export const HANDOFF_FILE = 'handoff.json';

/**
 * `alien-trust handoff`: everything the vendor sends one customer, for the spec's clouds and
 * trust forms: the AWS quick-create URL (with the external id, generated here unless given, or
 * the customer id for OIDC) and a `terraform.tfvars.json` per Terraform cloud. Every value is
 * checked with the rule its template checks, before anything is written.
 */
export async function handoffCommand(options: HandoffOptions, io: Io): Promise<number> {
  const customerId = checkCustomerId(required(options, 'customer-id'));
  const prefix = checkPrefix(required(options, 'prefix'));
  const specFile = specPath(options.spec);
  const out = checkOutDir(required(options, 'out'), specFile, (dir) => existsSync(join(dir, HANDOFF_FILE)));
  const { model } = await loadModel(specFile);

  const record: Record<string, unknown> = { spec: { name: model.name, version: model.version }, customerId, prefix };
  const files: ReleaseFiles = new Map();
  let generatedExternalId: string | undefined;
  if (model.aws) {
    if (model.aws.kind === 'role' && options['external-id'] === undefined) generatedExternalId = randomBytes(16).toString('hex');
    const externalId = model.aws.kind === 'role' ? (options['external-id'] ?? generatedExternalId) : undefined;
    const url = quickCreateUrl({
      product: model.name,
      templateUrl: required(options, 'template-url'),
      region: required(options, 'region'),
      prefix,
      externalId,
      customerId: model.aws.kind === 'oidc' ? customerId : undefined,
    });
    record.aws = { quickCreateUrl: url, ...(externalId && { externalId, externalIdGenerated: generatedExternalId !== undefined }) };
    files.set('aws-quick-create-url.txt', `${url}\n`);
  }
  for (const [cloud, variables] of Object.entries(terraformVariables(model, prefix, customerId, options['vendor-service-account']))) {
    record[cloud] = { tfvars: variables };
    files.set(`${cloud}/terraform.tfvars.json`, toJson(variables));
  }
  files.set(HANDOFF_FILE, toJson(record));
  writeRelease(out, files);

  io.out(`Wrote ${shown(out)}: ${[...files.keys()].join(', ')}`);
  if (generatedExternalId) io.out(`External id for ${customerId}: ${generatedExternalId} (generated; keep it with the customer's record, it is in ${HANDOFF_FILE})`);
  return 0;
}

/** The per-customer inputs of each Terraform root; the customer adds their own project, group and subscription. */
function terraformVariables(model: TrustModel, prefix: string, customerId: string, vendorServiceAccount: string | undefined): Record<string, Record<string, string>> {
  const variables: Record<string, Record<string, string>> = {};
  const gcp = CUSTOMER_INTERFACE.gcp.inputs;
  if (model.gcp) {
    variables.gcp = { [gcp.prefix]: prefix };
    if (model.gcp.kind === 'oidc') variables.gcp[gcp.customerId] = customerId;
    if (model.gcp.kind === 'per-customer') {
      const project = model.gcp.serviceAccountProject;
      const account = vendorServiceAccount ?? '';
      if (!new RegExp(vendorServiceAccountPattern(project)).test(account)) {
        throw new UsageError(`--vendor-service-account: the vendor's service account for ${customerId}, in the vendor's project ${project} (for example ${customerId}@${project}.iam.gserviceaccount.com); got "${account}"`);
      }
      variables.gcp[gcp.vendorServiceAccount] = account;
    }
  }
  if (model.azure) {
    const azure = CUSTOMER_INTERFACE.azure.inputs;
    variables.azure = { [azure.prefix]: prefix, ...('prefix' in model.azure.subject && { [azure.customerId]: customerId }) };
  }
  return variables;
}

function required(options: HandoffOptions, name: keyof HandoffOptions): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
