import { describe, expect, it } from 'vitest';
import { hashPath, hashTo } from './hash-route.js';

describe('hash routes with pages', () => {
  it.each([
    ['#/segments', []],
    ['#/segments/', []],
    ['#/segments/repeat-buyers', ['repeat-buyers']],
    ['#/segments/repeat-buyers?tab=members', ['repeat-buyers']],
    ['#/customers/a%2Fb%20c', ['a/b c']],
    ['#/customers/%E0%A4%A', ['%E0%A4%A']],
    ['', []],
  ])('%j is at %j', (hash, parts) => {
    expect(hashPath(hash)).toEqual(parts);
  });

  it('makes hashes that read back the same', () => {
    expect(hashTo('customers', 'user/7 x')).toBe('#/customers/user%2F7%20x');
    expect(hashPath(hashTo('customers', 'user/7 x'))).toEqual(['user/7 x']);
    expect(hashTo('segments')).toBe('#/segments');
  });
});
