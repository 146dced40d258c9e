import { previousRelease } from '../../lib/release/versions-index';
import { run } from '../support/run-cli';

describe('the previous release', () => {
  test('is the newest older version that is not a pre-release', () => {
    const versions = ['2.1.0', '2.1.0-rc.1', '2.0.1-beta.1', '2.0.0', '1.1.1'];
    expect(previousRelease(versions, '2.1.0')).toBe('2.0.0');
    expect(previousRelease(versions, '2.1.0-rc.1')).toBe('2.0.0');
    expect(previousRelease(versions, '2.0.0')).toBe('1.1.1');
    expect(previousRelease(versions, '1.1.1')).toBeUndefined();
  });
});

describe('alien-trust release-info', () => {
  test("prints the example spec's release and the one before it as JSON", async () => {
    const result = await run('release-info');
    expect(result.code).toBe(0);
    const info = JSON.parse(result.out);
    expect(info).toMatchObject({ name: 'alien-app', prerelease: false });
    expect(info.dir).toBe(`templates/alien-app/v${info.version}`);
    expect(info.previousDir).toBe(`templates/alien-app/v${info.previous}`);
  });
});
