import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUD_PROVIDERS } from '../../lib/clouds/registry';
import { CLOUDS, type Cloud } from '../../lib/core/variables';
import type { TrustModel } from '../../lib/model/trust-model';
import { generateTemplates, type ReleaseFiles } from '../../lib/output/generate';
import { releaseFacts, trustReaders } from '../../lib/release/release-facts';
import { FIXTURES, modelFromText, modelOf, REGISTRATION_SPEC } from '../support/fixtures';

/**
 * Every trust form of every registered cloud, rendered from a real spec, held to the parts a form
 * must have beyond what the compiler checks: diff reads whatever decides who gets in, handoff fills
 * exactly the inputs the form's Terraform root asks of one customer, and the replacement rules
 * name arguments the providers' own schemas mark ForceNew.
 */

/** Between them the fixtures use every form of every cloud (the first test holds them to it). */
const MODELS: readonly TrustModel[] = [
  modelOf('full'),
  modelOf('oidc'),
  modelOf('per-customer'),
  // The role form with registration: the stack's custom resource.
  modelFromText(REGISTRATION_SPEC, ['aws']),
];
const RELEASES = MODELS.map((model) => ({ model, files: generateTemplates(model) }));

/** Each (cloud, form) with the models and releases that use it. */
const USES = CLOUDS.flatMap((cloud) =>
  Object.keys(CLOUD_PROVIDERS[cloud].forms).map((kind) => ({
    cloud,
    kind,
    releases: RELEASES.filter(({ model }) => model[cloud]?.kind === kind),
  })),
);

/** The resources of a cloud's diffed format in a release, as `[file, type, name]`. */
function resources(files: ReleaseFiles, cloud: Cloud): [string, string, string][] {
  const found: [string, string, string][] = [];
  for (const [path, content] of files) {
    if (!path.startsWith(`${cloud}/`) || !path.endsWith('.json')) continue;
    const json = JSON.parse(content);
    if (CLOUD_PROVIDERS[cloud].diffReads === 'cloudformation') {
      for (const [id, resource] of Object.entries<any>(json.Resources ?? {})) found.push([path, resource.Type, id]);
    } else {
      for (const [type, byName] of Object.entries<any>(json.resource ?? {}))
        for (const name of Object.keys(byName)) found.push([path, type, name]);
    }
  }
  return found;
}

/** The release without every resource of one type. */
function without(files: ReleaseFiles, cloud: Cloud, type: string): ReleaseFiles {
  const stripped: ReleaseFiles = new Map(files);
  for (const [path, content] of files) {
    if (!path.startsWith(`${cloud}/`) || !path.endsWith('.json')) continue;
    const json = JSON.parse(content);
    if (CLOUD_PROVIDERS[cloud].diffReads === 'cloudformation') {
      for (const [id, resource] of Object.entries<any>(json.Resources ?? {})) if (resource.Type === type) delete json.Resources[id];
    } else if (json.resource?.[type]) delete json.resource[type];
    stripped.set(path, JSON.stringify(json));
  }
  return stripped;
}

const factsText = (files: ReleaseFiles) => JSON.stringify(releaseFacts(files));

describe('cloud providers and their trust forms', () => {
  test('the registry has a provider for every cloud, each under its own name', () => {
    expect(Object.keys(CLOUD_PROVIDERS)).toEqual([...CLOUDS]);
    for (const cloud of CLOUDS) expect(CLOUD_PROVIDERS[cloud].cloud).toBe(cloud);
  });

  test('every form is used by a fixture, and sits in its table under its own kind', () => {
    expect(USES.filter((u) => u.releases.length === 0).map((u) => `${u.cloud} ${u.kind}`)).toEqual([]);
    for (const { cloud, kind } of USES) expect(CLOUD_PROVIDERS[cloud].forms[kind].kind).toBe(kind);
    expect(USES.length).toBe(7);
  });

  test.each(USES.map((u) => [`${u.cloud} ${u.kind}`, u] as const))(
    '%s: every resource type it renders is read by diff, or declared inert with a reason',
    (_name, { cloud, kind, releases }) => {
      const provider = CLOUD_PROVIDERS[cloud];
      const inert = { ...provider.inert, ...provider.forms[kind].inert };
      const problems: string[] = [];
      for (const { files } of releases) {
        const before = factsText(files);
        for (const type of new Set(resources(files, cloud).map(([, type]) => type))) {
          const read = factsText(without(files, cloud, type)) !== before;
          if (!read && !(type in inert))
            problems.push(`${type}: diff reads nothing of it; add a trust reader, or declare it inert with why`);
          if (read && type in inert) problems.push(`${type}: declared inert, yet diff reads it`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  test.each(CLOUDS)('%s: every trust reader and inert declaration names a type some form renders', (cloud) => {
    const rendered = new Set(RELEASES.flatMap(({ files }) => resources(files, cloud).map(([, type]) => type)));
    const provider = CLOUD_PROVIDERS[cloud];
    const readers = trustReaders(cloud)[provider.diffReads];
    const declared = [
      ...readers.keys(),
      ...Object.keys(provider.inert),
      ...Object.values(provider.forms).flatMap((f) => Object.keys(f.inert)),
    ];
    expect(declared.filter((type) => !rendered.has(type))).toEqual([]);
    expect(readers.size).toBeGreaterThan(0);
  });

  test('the check can fail: a form whose trust reader is dropped leaves its trust unread', () => {
    const { files } = RELEASES[1]; // the OIDC fixture: the GCP pool's provider is the OIDC form's own
    const type = 'google_iam_workload_identity_pool_provider';
    expect(trustReaders('gcp').terraform.has(type)).toBe(true);
    expect(factsText(without(files, 'gcp', type))).not.toBe(factsText(files));
    expect(releaseFacts(files).trust['gcp.oidc.issuer']).toBe('https://oidc.alien.dev');
  });

  test.each(USES.map((u) => [`${u.cloud} ${u.kind}`, u] as const))(
    '%s: handoff fills exactly the inputs its Terraform root asks of one customer',
    (_name, { cloud, kind, releases }) => {
      const provider = CLOUD_PROVIDERS[cloud];
      const { model, files } = releases[0];
      const root = JSON.parse(files.get(`${cloud}/main.tf.json`)!);
      const required = (json: any) =>
        Object.entries<any>(json.variable ?? {})
          .filter(([, v]) => v.default === undefined)
          .map(([name]) => name);
      // What every form of the cloud asks (the prefix, and what the customer owns: project,
      // resource group, region), against what this form asks besides.
      const every = USES.filter((u) => u.cloud === cloud).map(
        (u) => new Set(required(JSON.parse(u.releases[0].files.get(`${cloud}/main.tf.json`)!))),
      );
      const common = required(root).filter((name) => every.every((s) => s.has(name)));
      const inputs = provider.trustOf(model)!.customerInputs({
        customerId: 'acme-corp',
        externalId: 'ext-0123456789',
        vendorServiceAccount: 'acme-corp@alien-prod.iam.gserviceaccount.com',
      });
      expect(provider.trustOf(model)!.kind).toBe(kind);
      expect(common).toContain('resource_prefix');
      expect(Object.keys(inputs).sort()).toEqual(
        required(root)
          .filter((name) => !common.includes(name))
          .sort(),
      );
    },
  );

  test.each([
    ['gcp', 'google'],
    ['azure', 'azurerm'],
  ] as const)('%s: every Terraform replacement rule names arguments the %s provider marks ForceNew', (cloud, schemaName) => {
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'provider-schemas', `${schemaName}.json`), 'utf8'));
    const provider = CLOUD_PROVIDERS[cloud];
    const rules = [provider.replacing, ...Object.values(provider.forms).map((f) => f.replacing)].flatMap((r) =>
      Object.entries(r.terraform ?? {}),
    );
    expect(rules.length).toBeGreaterThan(1);
    const wrong = rules.flatMap(([type, rule]) =>
      rule.arguments.filter((a) => !schema.resources[type]?.arguments?.[a]?.forceNew).map((a) => `${type}.${a}`),
    );
    expect(wrong).toEqual([]);
  });
});
