import { run } from '../support/run-cli';

const good = [
  '--template-url',
  'https://alien-templates.s3.eu-west-1.amazonaws.com/alien-app/v1.0.0/aws/template.json',
  '--region',
  'eu-west-1',
  '--external-id',
  'cust-42:a/b',
  '--prefix',
  'acmeprod',
];

describe('alien-trust link', () => {
  test('prints the quick-create URL with every parameter encoded', async () => {
    expect(await run('link', ...good)).toEqual({
      code: 0,
      err: '',
      out:
        'https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/quickcreate' +
        '?templateURL=https%3A%2F%2Falien-templates.s3.eu-west-1.amazonaws.com%2Falien-app%2Fv1.0.0%2Faws%2Ftemplate.json' +
        '&stackName=acmeprod-alien-app&param_ExternalId=cust-42%3Aa%2Fb&param_ResourcePrefix=acmeprod',
    });
  });

  test('names the stack for the deployment and the product, so two products can launch in one account', async () => {
    const other = good.map((a) => a.replace('/alien-app/v1.0.0/', '/alien-analytics/v3.2.1/'));
    expect((await run('link', ...other)).out).toContain('&stackName=acmeprod-alien-analytics&');
  });

  test('asks for a stack name when the template URL is no release path', async () => {
    const elsewhere = good.map((a) => a.replace('/alien-app/v1.0.0/aws/template.json', '/templates/trust.json'));
    const result = await run('link', ...elsewhere);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--stack-name is required: the template URL does not end in a release path/);
    expect((await run('link', ...elsewhere, '--stack-name', 'acmeprod-trust')).out).toContain('&stackName=acmeprod-trust&');
  });

  test('takes a stack name', async () => {
    expect((await run('link', ...good, '--stack-name', 'AlienTrust')).out).toContain('&stackName=AlienTrust&');
  });

  test.each([
    ['--template-url', 'http://alien-templates.s3.amazonaws.com/t.json', /--template-url: an https:\/\/ URL on an Amazon S3 host/],
    ['--template-url', 'https://example.com/t.json', /--template-url/],
    ['--region', 'europe', /--region: an AWS region/],
    ['--external-id', 'has space', /--external-id: 2–1224/],
    ['--external-id', 'x', /--external-id/],
    ['--prefix', 'Acme', /--prefix: 1–24 lower-case/],
    ['--prefix', 'acme-prod', /--prefix: .*no hyphens/],
    ['--region', 'us-gov-west-1', /--region: us-gov-west-1 is outside the aws partition/],
    ['--region', 'cn-north-1', /--region: cn-north-1 is outside the aws partition/],
    ['--template-url', 'https://b.s3.cn-north-1.amazonaws.com.cn/t.json', /--template-url/],
    ['--stack-name', '1stack', /--stack-name/],
  ])('refuses %s %p with exit 2', async (flag, value, message) => {
    const args = [...good];
    const at = args.indexOf(flag);
    if (at >= 0) args[at + 1] = value;
    else args.push(flag, value);
    const result = await run('link', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  test('requires each input', async () => {
    expect(await run('link', '--region', 'eu-west-1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--template-url is required'),
    });
  });
});
