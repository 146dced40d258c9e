import { awsForm } from '../aws/forms';
import { CLOUD_PROVIDERS } from '../clouds/registry';
import { type Cloud, CLOUDS } from '../core/variables';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AWS_TERRAFORM_INTERFACE, TERRAFORM_PREFIX_VARIABLE } from '../model/customer-interface';
import type { TrustModel } from '../model/trust-model';
import { toJson, type ReleaseFiles } from '../output/generate';
import { writeRelease } from '../output/write-release';
import { defineCommand, SPEC_OPTION, type OptionValues } from './command';
import type { Io } from './io';
import { checkOutDir, shown, specPath } from './project-paths';
import { checkCustomerId, checkExternalId, checkPrefix, CUSTOMER_OPTIONS, quickCreateUrl } from './quick-create';
import { loadModel } from './spec-options';
import { UsageError } from '../core/usage-error';

/** The record the vendor keeps, and the files the customer gets. */
const HANDOFF_FILE = 'handoff.json';

const OPTIONS = [
  { ...CUSTOMER_OPTIONS.customerId, required: true },
  { ...CUSTOMER_OPTIONS.prefix, required: true },
  {
    name: 'out',
    value: 'DIR',
    required: true,
    description: `Where to write the customer's files and the vendor's ${HANDOFF_FILE}: a new or empty folder, or this customer's own.`,
  },
  SPEC_OPTION,
  { ...CUSTOMER_OPTIONS.templateUrl, description: `${CUSTOMER_OPTIONS.templateUrl.description} Required when the spec has AWS.` },
  { ...CUSTOMER_OPTIONS.region, description: `${CUSTOMER_OPTIONS.region.description} Required when the spec has AWS.` },
  {
    ...CUSTOMER_OPTIONS.externalId,
    description: `${CUSTOMER_OPTIONS.externalId.description} A customer whose ${HANDOFF_FILE} holds one gives it again, or --rotate.`,
    default: 'in a first handoff, and with --rotate, 32 random hex digits',
  },
  {
    name: 'rotate',
    description: `Issue a new external id to a customer who has one; the old one stays in ${HANDOFF_FILE}'s history.`,
  },
  {
    name: 'vendor-service-account',
    value: 'EMAIL',
    description:
      "The vendor's service account for this customer, in the spec's serviceAccountProject. Required when the spec's GCP trust is the per-customer form.",
  },
] as const;

type HandoffOptions = OptionValues<typeof OPTIONS>;

export const handoff = defineCommand({
  name: 'handoff',
  summary:
    'Everything the vendor sends one customer: the quick-create URL (with a generated external id unless one is given) and a terraform.tfvars.json per Terraform cloud, written to DIR with a handoff.json record for the vendor.',
  description: [
    "DIR must be new, empty or this customer's: run again, give the stored --external-id (same files), or --rotate for a new external id (the old one stays in handoff.json's history); another customer's folder is refused.",
    'Every value is checked with the rule its template checks it with, before anything is written.',
  ],
  options: OPTIONS,
  handler: handoffCommand,
});

/** What `handoff` records for one customer: the files it writes are derived from it. */
interface HandoffRecord {
  readonly spec: { readonly name: string; readonly version: string };
  readonly customerId: string;
  readonly prefix: string;
  readonly aws?: {
    readonly quickCreateUrl: string;
    readonly externalId?: string;
    readonly externalIdGenerated?: boolean;
    readonly tfvars?: Record<string, string>;
  };
  readonly gcp?: { readonly tfvars: Record<string, string> };
  readonly azure?: { readonly tfvars: Record<string, string> };
  /** The day (UTC, YYYY-MM-DD) this record was written. */
  readonly issued?: string;
  /** Every record this one replaced, newest first, each with the day it was replaced. */
  readonly history?: readonly (HandoffRecord & { readonly replaced: string })[];
}

/**
 * `alien-trust handoff`: everything the vendor sends one customer, for the spec's clouds and
 * trust forms: the AWS quick-create URL (with the external id, generated here unless given, or
 * the customer id for OIDC) and a `terraform.tfvars.json` per Terraform cloud. Every value is
 * checked with the rule its template checks, before anything is written.
 *
 * A record is never lost: a folder holding another customer's (or product's) handoff is
 * refused; the same customer again must either reuse the stored external id (`--external-id`)
 * or ask for a new one (`--rotate`), and a record that changes is kept in the new one's history.
 */
async function handoffCommand(options: HandoffOptions, io: Io): Promise<number> {
  const customerId = checkCustomerId(options['customer-id']);
  const prefix = checkPrefix(options.prefix);
  const specFile = specPath(options.spec);
  const out = checkOutDir(options.out, specFile, (dir) => existsSync(join(dir, HANDOFF_FILE)));
  const { model } = await loadModel(specFile);
  const stored = storedRecord(out, model, customerId);
  const externalId = chooseExternalId(options, model, stored, out);
  const today = new Date().toISOString().slice(0, 10);

  const fresh = handoffRecord(options, model, customerId, prefix, externalId);
  if (stored && sameRecord(stored, fresh)) {
    io.out(
      `${shown(out)}: the handoff of ${customerId} is unchanged${externalId ? ` (external id ${externalId.value})` : ''}; nothing written`,
    );
    return 0;
  }
  const { history: olderHistory, ...previous } = stored ?? {};
  const record: HandoffRecord = {
    ...fresh,
    issued: today,
    ...(stored && { history: [{ ...(previous as HandoffRecord), replaced: today }, ...(olderHistory ?? [])] }),
  };
  const files = filesOf(record);
  writeRelease(out, files);

  io.out(`Wrote ${shown(out)}: ${[...files.keys()].join(', ')}`);
  const storedId = stored?.aws?.externalId;
  if (externalId?.generated && storedId === undefined) {
    io.out(`External id for ${customerId}: ${externalId.value} (generated; keep it with the customer's record, it is in ${HANDOFF_FILE})`);
  }
  if (stored && storedId !== undefined && externalId && externalId.value !== storedId) {
    io.out(
      `External id for ${customerId}: ${externalId.value} (${externalId.generated ? 'generated' : 'given'}), replacing ${storedId}, which is kept in ${HANDOFF_FILE}'s history as replaced on ${today}; the customer updates the stack's ExternalId parameter to the new one`,
    );
  } else if (stored) {
    io.out(
      `The previous record of ${customerId} is kept in ${HANDOFF_FILE}'s history as replaced on ${today}; changed: ${changedFields(previous as HandoffRecord, fresh).join(', ')}`,
    );
  }
  return 0;
}

/** The external id of the record, and whether this tool generated it; none for forms without one. */
function chooseExternalId(
  options: HandoffOptions,
  model: TrustModel,
  stored: HandoffRecord | undefined,
  out: string,
): { value: string; generated: boolean } | undefined {
  const given = options['external-id'] === undefined ? undefined : checkExternalId(options['external-id']);
  const storedId = stored?.aws?.externalId;
  const dir = shown(out);
  if (!model.aws || awsForm(model.aws).binding !== 'externalId') {
    if (options.rotate) {
      throw new UsageError(
        `--rotate: ${model.aws ? "the spec's AWS trust is the OIDC form, which binds the customer id" : 'the spec has no AWS trust'}, so there is no external id to rotate; leave out --rotate`,
      );
    }
    return undefined;
  }
  if (options.rotate) {
    if (!stored)
      throw new UsageError(
        `--rotate: ${dir} holds no handoff to rotate (no ${HANDOFF_FILE}); leave out --rotate for a first handoff, or name the customer's folder`,
      );
    if (given !== undefined && given === storedId)
      throw new UsageError(
        `--rotate --external-id ${given}: that is the external id customer ${stored.customerId} already has; give a new one, or leave out --external-id to generate one`,
      );
    return given !== undefined ? { value: given, generated: false } : { value: randomBytes(16).toString('hex'), generated: true };
  }
  if (stored && storedId !== undefined) {
    if (given === undefined) {
      throw new UsageError(
        `--out ${dir} already holds the handoff of customer ${stored.customerId} with external id ${storedId}; add --external-id ${storedId} to write it again, or --rotate to issue a new external id (the old one is kept in ${HANDOFF_FILE}'s history)`,
      );
    }
    if (given !== storedId) {
      throw new UsageError(
        `--external-id ${given}: customer ${stored.customerId}'s record in ${dir} holds ${storedId}; give --external-id ${storedId}, or add --rotate to replace it (the old one is kept in ${HANDOFF_FILE}'s history)`,
      );
    }
    return { value: given, generated: stored.aws?.externalIdGenerated ?? false };
  }
  return given !== undefined ? { value: given, generated: false } : { value: randomBytes(16).toString('hex'), generated: true };
}

/**
 * The record already in `out`, if any, after checking that writing there loses nothing: it
 * must be a handoff record of this customer and product, and every other file in the folder
 * one this command derives from it, unchanged.
 */
function storedRecord(out: string, model: TrustModel, customerId: string): HandoffRecord | undefined {
  const file = join(out, HANDOFF_FILE);
  if (!existsSync(file)) return undefined;
  const dir = shown(out);
  let record: HandoffRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`--out ${dir}: ${HANDOFF_FILE} is not a handoff record (not JSON); restore it, or name another folder`);
  }
  if (typeof record !== 'object' || record === null || typeof record.customerId !== 'string') {
    throw new UsageError(`--out ${dir}: ${HANDOFF_FILE} is not a handoff record (no customerId); restore it, or name another folder`);
  }
  if (record.customerId !== customerId) {
    throw new UsageError(
      `--out ${dir} holds the handoff of customer ${record.customerId}; name a folder of ${customerId}'s own, such as ${join(dir, '..', customerId)}`,
    );
  }
  if (record.spec?.name !== model.name) {
    throw new UsageError(
      `--out ${dir} holds ${customerId}'s handoff for ${record.spec?.name ?? 'another product'}; name a folder of its own for ${model.name}, such as ${join(dir, '..', `${customerId}-${model.name}`)}`,
    );
  }
  const expected = filesOf(record);
  const foreign = [...filesIn(out)]
    .filter((path) => path !== HANDOFF_FILE && expected.get(path) !== readFileSync(join(out, path), 'utf8'))
    .sort();
  if (foreign.length > 0) {
    throw new UsageError(
      `--out ${dir}: ${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not what ${HANDOFF_FILE} records (edited, or not written by handoff), and writing would replace the folder; move ${foreign.length === 1 ? 'it' : 'them'} out first`,
    );
  }
  return record;
}

/** The record for these inputs, before its date and history. */
function handoffRecord(
  options: HandoffOptions,
  model: TrustModel,
  customerId: string,
  prefix: string,
  externalId: { value: string; generated: boolean } | undefined,
): HandoffRecord {
  const record: { -readonly [K in keyof HandoffRecord]: HandoffRecord[K] } = {
    spec: { name: model.name, version: model.version },
    customerId,
    prefix,
  };
  // Each cloud's Terraform root takes the prefix and the inputs its trust form binds to one customer.
  const customer = { customerId, externalId: externalId?.value, vendorServiceAccount: options['vendor-service-account'] };
  const terraformInputs = (cloud: Cloud) => ({
    [TERRAFORM_PREFIX_VARIABLE]: prefix,
    ...CLOUD_PROVIDERS[cloud].trustOf(model)!.customerInputs(customer),
  });
  if (model.aws) {
    const url = quickCreateUrl({
      product: model.name,
      templateUrl: required(options, 'template-url'),
      region: required(options, 'region'),
      prefix,
      externalId: externalId?.value,
      customerId: awsForm(model.aws).binding === 'customerId' ? customerId : undefined,
    });
    // The same inputs for the AWS Terraform root (aws/main.tf.json) as the quick-create link carries.
    const tfvars = { ...terraformInputs('aws'), [AWS_TERRAFORM_INTERFACE.rootRegion]: required(options, 'region') };
    record.aws = {
      quickCreateUrl: url,
      ...(externalId && { externalId: externalId.value, externalIdGenerated: externalId.generated }),
      tfvars,
    };
  }
  for (const cloud of model.clouds) if (cloud !== 'aws') record[cloud] = { tfvars: terraformInputs(cloud) };
  return record;
}

/** The files of a handoff folder: the record and what it sends the customer. */
function filesOf(record: HandoffRecord): ReleaseFiles {
  const files: ReleaseFiles = new Map();
  if (record.aws?.quickCreateUrl !== undefined) files.set('aws-quick-create-url.txt', `${record.aws.quickCreateUrl}\n`);
  for (const cloud of CLOUDS) {
    const tfvars = record[cloud]?.tfvars;
    if (tfvars !== undefined) files.set(`${cloud}/terraform.tfvars.json`, toJson(tfvars));
  }
  files.set(HANDOFF_FILE, toJson(record));
  return files;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** A record's fields but its date and history, in the record's order. */
function undated(record: HandoffRecord): [string, unknown][] {
  return Object.entries(record).filter(([key]) => key !== 'issued' && key !== 'history');
}

/** A record's content: everything but its date and history. */
function content(record: HandoffRecord): string {
  return JSON.stringify(Object.fromEntries(undated(record)));
}

function sameRecord(a: HandoffRecord, b: HandoffRecord): boolean {
  return content(a) === content(b);
}

/** The top-level fields (one level down for clouds) whose values differ. */
function changedFields(before: HandoffRecord, after: HandoffRecord): string[] {
  const flat = (record: HandoffRecord): Record<string, string> => {
    return Object.fromEntries(
      undated(record).flatMap(([key, value]) =>
        value !== null && typeof value === 'object'
          ? Object.entries(value).map(([k, v]) => [`${key}.${k}`, JSON.stringify(v)])
          : [[key, JSON.stringify(value)]],
      ),
    );
  };
  const [a, b] = [flat(before), flat(after)];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]);
}

/** An option only some specs need (the AWS ones), so the parser cannot require it. */
function required(options: HandoffOptions, name: 'template-url' | 'region'): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
