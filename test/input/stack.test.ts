import { builtInCatalog } from '../../lib/catalog/catalog';
import { parseSpec } from '../../lib/input/load-spec';
import { specProblems } from '../support/spec-problems';

const HEAD = `name: acme
version: 1.0.0
managingIdentity:
  aws:
    roleArn: arn:aws:iam::210987654321:role/alien
clouds: [aws]
`;

const parse = (body: string) => parseSpec(HEAD + body, 'spec.yaml', builtInCatalog().ids).spec;
/** The spec's problems, each as `field: message` (positions left out). */
const problems = (body: string) => specProblems(HEAD + body).map((line) => line.replace(/^spec\.yaml:\d+:\d+: /, ''));

describe('stack: the sets come from the application', () => {
  test('the picked sets are granted after the listed ones, without repeats', () => {
    const spec = parse(`permissions: [logs/read, worker/heartbeat]
stack:
  resources:
    - { kind: worker, id: api }
    - { kind: storage, id: data }
`);
    expect(spec.permissions).toEqual(['logs/read', 'worker/heartbeat', 'worker/provision', 'storage/heartbeat']);
    expect(spec.listedPermissions).toEqual(['logs/read', 'worker/heartbeat']);
  });

  test('a stack alone is enough; neither is refused with one line naming permissions', () => {
    expect(parse('stack:\n  resources: [{ kind: queue, id: jobs }]\n').permissions).toEqual(['queue/heartbeat']);
    expect(problems('')).toEqual([
      expect.stringMatching(/^permissions: required: list the permission sets to grant, or describe the application in stack/),
    ]);
  });

  test('each problem at its field, with a fix', () => {
    expect(
      problems(`stack:
  resources:
    - { kind: wroker, id: api }
    - { kind: build, id: ci, lifecycle: live }
    - { kind: queue, id: jobs, commands: true }
    - { kind: worker, id: api2, triggers: [uploads] }
`),
    ).toEqual([
      expect.stringMatching(/^stack\.resources\[0\]\.kind: unknown kind "wroker" \(did you mean "worker"\?\)/),
      expect.stringMatching(/^stack\.resources\[1\]\.lifecycle: Alien runs every build frozen .*remove lifecycle$/),
      'stack.resources[2].commands: only a worker takes commands; remove it',
      'stack.resources[3].triggers[0]: no storage resource "uploads" in the stack; add it or remove the trigger',
    ]);
  });

  test('a resource group is frozen: only its heartbeat, never the refused azure-resource-group/provision', () => {
    expect(parse('stack:\n  resources: [{ kind: azure-resource-group, id: rg }]\n').permissions).toEqual([
      'azure-resource-group/heartbeat',
    ]);
    expect(problems('stack:\n  resources: [{ kind: azure-resource-group, id: rg, lifecycle: live }]\n')).toEqual([
      expect.stringMatching(/lifecycle: Alien runs every azure-resource-group frozen/),
    ]);
  });
});
