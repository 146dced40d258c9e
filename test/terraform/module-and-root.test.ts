import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBSCRIPTION_VARIABLE } from '../../lib/azure/azure-root-stack';
import { AZURE_SUBSCRIPTION_ID } from '../../lib/core/names';
import { generateTemplates } from '../../lib/output/generate';
import { MODULE_SOURCE } from '../../lib/terraform/root-module';
import { TERRAFORM_FILES } from '../../lib/terraform/synth-terraform';
import { FIXTURES, fixturePath, modelFromText, wholeCatalogSpec } from '../support/fixtures';
import { allStrings } from '../support/terraform';

/** A realistic spec (a copy of the flagship, per customer on every cloud), and one granting every built-in set. */
const perCustomer = readFileSync(fixturePath('per-customer'), 'utf8');
const allCatalog = wholeCatalogSpec();
const specs = { 'per-customer': perCustomer, 'all-catalog': allCatalog };

describe.each(Object.entries(specs))('the Terraform of the %s spec', (_, text) => {
  const files = generateTemplates(modelFromText(text));
  const read = (cloud: string, file: string) => JSON.parse(files.get(`${cloud}/${file}`)!);

  describe.each(['gcp', 'azure'])('%s', (cloud) => {
    const root = read(cloud, TERRAFORM_FILES.root);
    const module = read(cloud, TERRAFORM_FILES.module);

    test('the module has no provider block and the root configures exactly one', () => {
      expect(module.provider).toBeUndefined();
      expect(Object.keys(root.provider)).toHaveLength(1);
    });

    test('the root calls the module beside it with every module variable, each from a root variable', () => {
      const call = root.module.alien;
      expect(call.source).toBe(MODULE_SOURCE);
      const inputs = Object.keys(module.variable).sort();
      expect(
        Object.keys(call)
          .filter((k) => k !== 'source')
          .sort(),
      ).toEqual(inputs);
      for (const name of inputs) {
        expect(call[name]).toBe(`\${var.${name}}`);
        expect(root.variable[name]).toEqual({
          type: module.variable[name].type,
          description: module.variable[name].description,
          ...('default' in module.variable[name] && { default: module.variable[name].default }),
        });
      }
    });

    test('the root passes every module output through with its description', () => {
      expect(Object.keys(root.output).sort()).toEqual(Object.keys(module.output).sort());
      for (const [name, output] of Object.entries<any>(module.output)) {
        expect(root.output[name]).toEqual({ value: `\${module.alien.${name}}`, description: output.description });
      }
    });

    test('both pin the same Terraform and provider versions, and neither has a backend', () => {
      expect(root.terraform.required_version).toBe(module.terraform.required_version);
      expect(root.terraform.required_providers).toEqual(module.terraform.required_providers);
      expect(root.terraform.backend).toBeUndefined();
      expect(module.terraform.backend).toBeUndefined();
    });

    test('every validation message is a capitalised sentence (Terraform 1.0 and 1.1 refuse others)', () => {
      const validations = [root, module].flatMap((f) => Object.values<any>(f.variable ?? {}).flatMap((v) => v.validation ?? []));
      expect(validations.length).toBeGreaterThan(0);
      for (const v of validations) expect(v.error_message).toMatch(/^[A-Z].*\.$/);
    });

    test('no string holds a backslash escape HCL does not know (`\\.` in a regex would fail at plan)', () => {
      for (const file of [root, module]) {
        for (const [path, value] of allStrings(file)) expect([path, /\\[^nrt"\\u]/.test(value)]).toEqual([path, false]);
      }
    });

    test('no description promises that the prefix limits what the vendor reaches', () => {
      for (const file of [root, module]) {
        for (const v of Object.values<any>(file.variable)) expect(v.description).not.toMatch(/reaches only resources whose names start/);
      }
    });
  });

  describe('azure root', () => {
    const root = read('azure', TERRAFORM_FILES.root);

    test('names the subscription explicitly, from a variable validated as a GUID', () => {
      expect(root.provider.azurerm[0].subscription_id).toBe(`\${var.${SUBSCRIPTION_VARIABLE}}`);
      const [validation] = root.variable[SUBSCRIPTION_VARIABLE].validation;
      expect(validation.condition).toBe(`\${can(regex("${AZURE_SUBSCRIPTION_ID.pattern}", var.${SUBSCRIPTION_VARIABLE}))}`);
      const rule = new RegExp(AZURE_SUBSCRIPTION_ID.pattern);
      expect(rule.test('0b1f6471-1bf0-4dda-aec3-cb9272f09590')).toBe(true);
      for (const bad of ['0b1f6471', 'my-subscription', '0b1f6471-1bf0-4dda-aec3-cb9272f0959']) expect(rule.test(bad)).toBe(false);
    });

    test('registers no resource providers, so rights at the resource group are enough', () => {
      expect(root.provider.azurerm[0]).toEqual({
        features: [{}],
        subscription_id: '${var.subscription_id}',
        resource_provider_registrations: 'none',
      });
    });
  });

  describe('gcp root', () => {
    test("sets the provider's project from project_id", () => {
      expect(read('gcp', TERRAFORM_FILES.root).provider.google).toEqual([{ project: '${var.project_id}' }]);
    });
  });
});

describe('upgrading a root from a release before modules', () => {
  // The sets alien-app 1.1.0 granted, content reads included (the flagship has dropped those since).
  const granted110 = perCustomer.replace(
    '  - code/update\n',
    '  - code/update\n  - storage/data-read\n  - queue/data-read\n  - kv/data-read\n  - vault/data-read\n',
  );
  const files = generateTemplates(modelFromText(granted110));

  test.each(['gcp', 'azure'])('%s: the root moves every resource of the old single file into the module', (cloud) => {
    const root = JSON.parse(files.get(`${cloud}/${TERRAFORM_FILES.root}`)!);
    const module = JSON.parse(files.get(`${cloud}/${TERRAFORM_FILES.module}`)!);
    const addresses = Object.entries<any>(module.resource).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${type}.${name}`),
    );
    expect(root.moved).toEqual(addresses.map((address) => ({ from: address, to: `module.alien.${address}` })));
    // Every resource the 1.1.0 release held at the root is among them (its files, copied to the fixtures).
    const old = JSON.parse(readFileSync(join(FIXTURES, 'releases', 'alien-app', 'v1.1.0', cloud, 'main.tf.json'), 'utf8'));
    for (const [type, byName] of Object.entries<any>(old.resource)) {
      for (const name of Object.keys(byName)) expect(addresses).toContain(`${type}.${name}`);
    }
  });
});

describe('the provider versions the modules admit', () => {
  /** Whether Terraform's constraint `>= a, != b, < c` admits `version` (the operators the modules use). */
  const admits = (constraint: string, version: string) => {
    const n = (v: string) =>
      v
        .split('.')
        .map(Number)
        .reduce((acc, part) => acc * 1000 + part, 0) * (v.split('.').length === 2 ? 1000 : 1);
    return constraint.split(',').every((c) => {
      const [, op, v] = c.trim().match(/^(>=|<|!=|~>)\s*(.+)$/)!;
      if (op === '>=') return n(version) >= n(v);
      if (op === '<') return n(version) < n(v);
      if (op === '!=') return n(version) !== n(v);
      throw new Error(`operator ${op} not handled here`);
    });
  };

  test('azurerm: 4.65 and later 4.x, but not 4.75.0, which cannot update a federated credential in place', () => {
    const { AZURERM_PROVIDER } = require('../../lib/azure/azure-trust-stack');
    expect(admits(AZURERM_PROVIDER.version, '4.65.0')).toBe(true);
    expect(admits(AZURERM_PROVIDER.version, '4.74.0')).toBe(true);
    expect(admits(AZURERM_PROVIDER.version, '4.75.0')).toBe(false);
    expect(admits(AZURERM_PROVIDER.version, '4.76.0')).toBe(true);
    expect(admits(AZURERM_PROVIDER.version, '5.0.0')).toBe(false);
    expect(admits(AZURERM_PROVIDER.version, '4.64.0')).toBe(false);
  });
});
