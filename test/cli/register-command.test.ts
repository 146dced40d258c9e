import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { modelFromText, VALID_SPEC } from '../support/fixtures';
import { run as runCli } from '../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'register-'));
let files = 0;
function file(content: unknown): string {
  const path = join(dir, `${files++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/**
 * A project of its own with published releases: acme-app 1.2.3 and 1.3.0 (role form, with GCP
 * and Azure folders), acme-oidc 2.0.0 (OIDC form), and acme-app 0.9.0 whose role was named
 * before names held the product and region.
 */
const project = mkdtempSync(join(tmpdir(), 'register-project-'));
const SPEC = join(project, 'alien.trust.yaml');
const OIDC_SPEC = VALID_SPEC.replace(/^name: .*$/m, 'name: acme-oidc').replace(
  /managingIdentity:\n( {2}.*\n)+/,
  'managingIdentity:\n  oidc: { issuer: "https://oidc.alien.dev", audience: "alien", subjectPrefix: "customer:" }\n',
);
function publish(text: string, version: string, change: (template: any) => void = () => {}): void {
  const model = modelFromText(text.replace(/^version: .*$/m, `version: ${version}`), ['aws']);
  const release = join(project, 'templates', model.name, `v${version}`);
  mkdirSync(join(release, 'aws'), { recursive: true });
  const template = JSON.parse(generateTemplates(model).get('aws/template.json')!);
  change(template);
  writeFileSync(join(release, 'aws', 'template.json'), JSON.stringify(template));
  for (const cloud of ['gcp', 'azure']) mkdirSync(join(release, cloud));
  writeFileSync(join(release, 'manifest.json'), JSON.stringify({ name: model.name, version }));
}
beforeAll(() => {
  writeFileSync(join(project, 'package.json'), '{}\n');
  writeFileSync(SPEC, VALID_SPEC);
  publish(VALID_SPEC, '1.2.3');
  publish(VALID_SPEC, '1.3.0');
  publish(OIDC_SPEC, '2.0.0');
  publish(VALID_SPEC, '0.9.0', (t) => {
    t.Resources.TrustRole.Properties.RoleName = { 'Fn::Sub': '${ResourcePrefix}-alien' };
    delete t.Resources.TrustRole.Properties.Path;
  });
  // A version folder without a manifest is not published.
  mkdirSync(join(project, 'templates', 'acme-app', 'v1.4.0', 'aws'), { recursive: true });
  writeFileSync(
    join(project, 'templates', 'acme-app', 'v1.4.0', 'aws', 'template.json'),
    readFileSync(join(project, 'templates', 'acme-app', 'v1.3.0', 'aws', 'template.json')),
  );
});

/** The CLI, reading this project's releases. */
const run = (...args: string[]) => runCli(...args, '--spec', SPEC);

const STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/acmeprod-acme-app/7d1f2a30-8c2e-11ef-9e4b-0a1b2c3d4e5f';

/** A request as CloudFormation sends it for the published release acme-app 1.2.3 (role form). */
function request(change: (r: any) => void = () => {}): any {
  const r = {
    RequestType: 'Create',
    ServiceToken: 'arn:aws:sns:eu-west-1:210987654321:alien-registrations',
    ResponseURL:
      'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/arn%3Aaws%3Acloudformation?X-Amz-Signature=abc',
    StackId: STACK_ID,
    RequestId: '5f3b2c1e-1111-4a2b-9c3d-0e1f2a3b4c5d',
    LogicalResourceId: 'Registration',
    ResourceType: 'Custom::AlienRegistration',
    ResourceProperties: {
      ServiceToken: 'arn:aws:sns:eu-west-1:210987654321:alien-registrations',
      ServiceTimeout: '60',
      RoleArn: 'arn:aws:iam::123456789012:role/alientrust/acmeprod-acme-app-eu-west-1',
      ResourcePrefix: 'acmeprod',
      ExternalId: 'ext-4b1d9c',
      TemplateName: 'acme-app',
      TemplateVersion: '1.2.3',
    },
  };
  change(r);
  return r;
}

describe('alien-trust register --event', () => {
  test('turns a request as CloudFormation sends it into the registration record', async () => {
    const result = await run('register', '--event', file(request()));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const record = JSON.parse(result.out);
    expect(record).toEqual({
      id: expect.stringMatching(/^reg-[0-9a-f]{32}$/),
      cloud: 'aws',
      requestType: 'Create',
      template: { name: 'acme-app', version: '1.2.3' },
      customer: { externalId: 'ext-4b1d9c' },
      resourcePrefix: 'acmeprod',
      roleArn: 'arn:aws:iam::123456789012:role/alientrust/acmeprod-acme-app-eu-west-1',
      account: '123456789012',
      region: 'eu-west-1',
      stackId: STACK_ID,
    });
  });

  test('an update of the same stack to another release keeps the record id and reports the new version', async () => {
    const created = JSON.parse((await run('register', '--event', file(request()))).out);
    const updated = JSON.parse(
      (
        await run(
          'register',
          '--event',
          file(
            request((r) => {
              r.RequestType = 'Update';
              r.PhysicalResourceId = created.id;
              r.ResourceProperties.TemplateVersion = '1.3.0';
            }),
          ),
        )
      ).out,
    );
    expect(updated).toMatchObject({ id: created.id, requestType: 'Update', template: { version: '1.3.0' } });
  });

  test('reads the customer id of an OIDC-form release', async () => {
    const result = await run(
      'register',
      '--event',
      file(
        request((r) => {
          r.ResourceProperties = {
            RoleArn: 'arn:aws:iam::123456789012:role/alientrust/acmeprod-acme-oidc-eu-west-1',
            ResourcePrefix: 'acmeprod',
            CustomerId: 'cust-42',
            TemplateName: 'acme-oidc',
            TemplateVersion: '2.0.0',
          };
        }),
      ),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).customer).toEqual({ customerId: 'cust-42' });
  });

  test.each<[string, (r: any) => void, RegExp]>([
    [
      'a role in another account than the stack',
      (r) => (r.ResourceProperties.RoleArn = 'arn:aws:iam::999999999999:role/alientrust/acmeprod-acme-app-eu-west-1'),
      /is in account 999999999999, not in the stack's account 123456789012/,
    ],
    [
      'a version that was never published',
      (r) => (r.ResourceProperties.TemplateVersion = '9.9.9'),
      /acme-app@9\.9\.9 is not a published release/,
    ],
    [
      'a name that was never published',
      (r) => (r.ResourceProperties.TemplateName = 'other-app'),
      /other-app@1\.2\.3 is not a published release/,
    ],
    [
      'a name that climbs out of the templates folder',
      (r) => (r.ResourceProperties.TemplateName = '../templates/acme-app'),
      /is not a published release/,
    ],
    [
      'a role name that release does not give that prefix',
      (r) => (r.ResourceProperties.RoleArn = 'arn:aws:iam::123456789012:role/alientrust/otherprod-acme-app-eu-west-1'),
      /is not the one acme-app@1\.2\.3 creates for prefix acmeprod in eu-west-1/,
    ],
    [
      'a role of another region',
      (r) => (r.ResourceProperties.RoleArn = 'arn:aws:iam::123456789012:role/alientrust/acmeprod-acme-app-us-east-1'),
      /is not the one acme-app@1\.2\.3 creates/,
    ],
    [
      'a role outside the release path',
      (r) => (r.ResourceProperties.RoleArn = 'arn:aws:iam::123456789012:role/acmeprod-acme-app-eu-west-1'),
      /arn:aws:iam::123456789012:role\/alientrust\/acmeprod-acme-app-eu-west-1$/,
    ],
    [
      'an old release that names the role differently',
      (r) => (r.ResourceProperties.TemplateVersion = '0.9.0'),
      /is not the one acme-app@0\.9\.0 creates for prefix acmeprod in eu-west-1: arn:aws:iam::123456789012:role\/acmeprod-alien$/,
    ],
    [
      'a version folder without a manifest',
      (r) => (r.ResourceProperties.TemplateVersion = '1.4.0'),
      /acme-app@1\.4\.0 is not a published release/,
    ],
    ['a request without the customer binding', (r) => delete r.ResourceProperties.ExternalId, /ResourceProperties\.ExternalId is missing/],
    [
      'a stack id that is not a stack ARN',
      (r) => (r.StackId = 'acmeprod-acme-app'),
      /StackId acmeprod-acme-app is not a CloudFormation stack ARN/,
    ],
  ])('refuses %s with exit 2 and one line', async (_, change, reason) => {
    const result = await run('register', '--event', file(request(change)));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/^alien-trust: refused: /);
    expect(result.err).toMatch(reason);
  });

  test('refuses an event of no request type', async () => {
    const result = await run('register', '--event', file(request((r) => (r.RequestType = 'Destroy'))));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/RequestType "Destroy" is not Create, Update or Delete/);
  });

  test('needs exactly one of --event and --terraform-outputs', async () => {
    expect((await run('register')).code).toBe(2);
    expect((await run('register', '--event', 'a', '--terraform-outputs', 'b', '--cloud', 'gcp')).err).toMatch(/not both/);
    expect((await run('register', '--terraform-outputs', file({}))).err).toMatch(/needs --cloud gcp or --cloud azure/);
  });
});

describe('alien-trust register --respond', () => {
  /** A local stand-in for CloudFormation's presigned URL: records each PUT. */
  async function server(
    status = 200,
  ): Promise<{ url: string; received: { method?: string; contentType?: string; body: any }[]; close: () => Promise<void> }> {
    const received: { method?: string; contentType?: string; body: any }[] = [];
    const http = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, contentType: req.headers['content-type'], body: JSON.parse(body) });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/response?X-Amz-Signature=abc`,
      received,
      close: () => new Promise((resolve) => http.close(() => resolve())),
    };
  }

  test('answers SUCCESS with the record id as the physical resource id', async () => {
    const cfn = await server();
    try {
      const result = await run('register', '--respond', '--event', file(request((r) => (r.ResponseURL = cfn.url))));
      expect(result.code).toBe(0);
      const id = JSON.parse(result.out).id;
      expect(cfn.received).toEqual([
        {
          method: 'PUT',
          contentType: '',
          body: {
            Status: 'SUCCESS',
            PhysicalResourceId: id,
            StackId: STACK_ID,
            RequestId: '5f3b2c1e-1111-4a2b-9c3d-0e1f2a3b4c5d',
            LogicalResourceId: 'Registration',
            Data: { RecordId: id },
          },
        },
      ]);
    } finally {
      await cfn.close();
    }
  });

  test('answers FAILED with the reason when it refuses a create', async () => {
    const cfn = await server();
    try {
      const result = await run(
        'register',
        '--respond',
        '--event',
        file(request((r) => ((r.ResponseURL = cfn.url), (r.ResourceProperties.TemplateVersion = '9.9.9')))),
      );
      expect(result.code).toBe(2);
      expect(cfn.received).toHaveLength(1);
      expect(cfn.received[0].body).toMatchObject({
        Status: 'FAILED',
        Reason: expect.stringMatching(/acme-app@9\.9\.9 is not a published release/),
        StackId: STACK_ID,
        LogicalResourceId: 'Registration',
      });
      expect(cfn.received[0].body.PhysicalResourceId).toMatch(/^reg-/);
    } finally {
      await cfn.close();
    }
  });

  test('answers a Delete SUCCESS even when it refuses it, so revocation is never blocked', async () => {
    const cfn = await server();
    try {
      const change = (r: any) => {
        r.ResponseURL = cfn.url;
        r.RequestType = 'Delete';
        r.PhysicalResourceId = 'reg-earlier';
        r.ResourceProperties.RoleArn = 'arn:aws:iam::999999999999:role/alientrust/acmeprod-acme-app-eu-west-1';
      };
      const result = await run('register', '--respond', '--event', file(request(change)));
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/a Delete is still answered SUCCESS/);
      expect(cfn.received[0].body).toMatchObject({
        Status: 'SUCCESS',
        PhysicalResourceId: 'reg-earlier',
        Reason: expect.stringMatching(/^not registered: /),
      });
      const ok = await run(
        'register',
        '--respond',
        '--event',
        file(request((r) => ((r.ResponseURL = cfn.url), (r.RequestType = 'Delete')))),
      );
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out).requestType).toBe('Delete');
      expect(cfn.received[1].body.Status).toBe('SUCCESS');
    } finally {
      await cfn.close();
    }
  });

  test('exits 1 when CloudFormation does not take the response, and never sends over plain http elsewhere', async () => {
    const cfn = await server(403);
    try {
      const result = await run('register', '--respond', '--event', file(request((r) => (r.ResponseURL = cfn.url))));
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/could not send the response to CloudFormation: HTTP 403/);
    } finally {
      await cfn.close();
    }
    const plain = await run('register', '--respond', '--event', file(request((r) => (r.ResponseURL = 'http://example.com/x'))));
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/is not https/);
  });
});

describe('alien-trust register --terraform-outputs', () => {
  const output = (value: string) => ({ sensitive: false, type: 'string', value });
  const gcp = {
    service_account_email: output('acmeprod-acme-app@acme-prod.iam.gserviceaccount.com'),
    service_account_unique_id: output('104857600000000000001'),
    project: output('acme-prod'),
    project_number: output('123456789012'),
    template: output('acme-app@1.2.3'),
  };
  const subscription = '0b1f6471-1bf0-4dda-aec3-111122223333';
  const azure = {
    client_id: output('11111111-2222-3333-4444-555555555555'),
    tenant_id: output('66666666-7777-8888-9999-000000000000'),
    principal_id: output('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'),
    subscription: output(subscription),
    resource_group: output('acme-rg'),
    identity_id: output(
      `/subscriptions/${subscription}/resourceGroups/acme-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acmeprod-acme-app`,
    ),
    template: output('acme-app@1.2.3'),
  };

  test("prints a GCP root's record", async () => {
    const result = await run('register', '--terraform-outputs', file(gcp), '--cloud', 'gcp');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      id: expect.stringMatching(/^reg-/),
      cloud: 'gcp',
      requestType: 'Create',
      template: { name: 'acme-app', version: '1.2.3' },
      serviceAccountEmail: 'acmeprod-acme-app@acme-prod.iam.gserviceaccount.com',
      serviceAccountUniqueId: '104857600000000000001',
      project: 'acme-prod',
      projectNumber: '123456789012',
    });
  });

  test('a GCP root of a release before project_number: the record carries none', async () => {
    const result = await run('register', '--terraform-outputs', file({ ...gcp, project_number: undefined }), '--cloud', 'gcp');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).not.toHaveProperty('projectNumber');
  });

  test("prints an Azure root's record", async () => {
    const result = await run('register', '--terraform-outputs', file(azure), '--cloud', 'azure');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      cloud: 'azure',
      template: { name: 'acme-app', version: '1.2.3' },
      clientId: azure.client_id.value,
      tenantId: azure.tenant_id.value,
      principalId: azure.principal_id.value,
      subscription,
      resourceGroup: 'acme-rg',
    });
  });

  test.each<[string, 'gcp' | 'azure', object, RegExp]>([
    ['a release never published', 'gcp', { ...gcp, template: output('acme-app@9.9.9') }, /acme-app@9\.9\.9 is not a published release/],
    ['a service account of another project', 'gcp', { ...gcp, project: output('other-project') }, /is not in the project other-project/],
    ['outputs without the template', 'gcp', { ...gcp, template: undefined }, /output template is missing/],
    [
      'a project number that is not one',
      'gcp',
      { ...gcp, project_number: output('acme-prod') },
      /output project_number "acme-prod" is not a project number/,
    ],
    [
      'an identity of another subscription',
      'azure',
      { ...azure, subscription: output('99999999-1bf0-4dda-aec3-111122223333') },
      /is not in the subscription 99999999/,
    ],
  ])('refuses %s with exit 2 and one line', async (_, cloud, outputs, reason) => {
    const result = await run('register', '--terraform-outputs', file(outputs), '--cloud', cloud);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(reason);
  });
});
