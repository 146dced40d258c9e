import { didYouMean } from '../../lib/core/did-you-mean';

describe('didYouMean', () => {
  test('suggests the closest known value for a small misspelling', () => {
    expect(didYouMean('permisions', ['permissions', 'clouds', 'name'])).toBe(' (did you mean "permissions"?)');
    expect(didYouMean('storage/data-raed', ['storage/data-read', 'storage/data-write'])).toBe(' (did you mean "storage/data-read"?)');
    expect(didYouMean('s3:GetObjekt', ['s3:GetObject', 's3:PutObject'])).toBe(' (did you mean "s3:GetObject"?)');
  });

  test('ignores case when measuring, and keeps the known spelling', () => {
    expect(didYouMean('S3:getobject', ['s3:GetObject'])).toBe(' (did you mean "s3:GetObject"?)');
  });

  test('says nothing when nothing is close, or nothing is known', () => {
    expect(didYouMean('database', ['permissions', 'clouds'])).toBe('');
    expect(didYouMean('x', [])).toBe('');
  });
});
