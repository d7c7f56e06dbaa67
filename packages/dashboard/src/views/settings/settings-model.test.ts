import { describe, expect, it } from 'vitest';
import snippetTemplate from '../../../../sdk/snippet.html?raw';
import type { WriteKey } from '../../api/admin.js';
import {
  browserSnippet,
  canManage,
  curlSnippet,
  generatePassword,
  keysInOrder,
  liveKey,
  newProjectProblem,
  newUserProblem,
  nodeSnippet,
  roleLabel,
} from './settings-model.js';

const key = (k: string, createdAt: number, revokedAt: number | null = null): WriteKey => ({
  key: k,
  projectId: 'demo',
  createdAt,
  revokedAt,
});

describe('the tracking snippet and SDK instructions', () => {
  it('fills the SDK’s own snippet with this server and the write key, and loads the script from it', () => {
    const snippet = browserSnippet(snippetTemplate, 'https://wm.shop.example', 'wk_abc');
    expect(snippet.startsWith('<script>')).toBe(true);
    expect(snippet.endsWith('</script>')).toBe(true);
    expect(snippet).toContain("})(window, document, 'https://wm.shop.example', 'wk_abc');");
    expect(snippet).toContain("s.src = host + '/sdk/waymark.min.js';");
    expect(snippet).not.toContain('YOUR_WRITE_KEY');
    expect(snippet).not.toContain('waymark.example.com');
    expect(snippet).not.toContain('<!--');
  });

  it('quotes what it fills in, so a key cannot break out of the string', () => {
    expect(browserSnippet(snippetTemplate, "http://a'b", 'k\\')).toContain("'http://a\\'b', 'k\\\\'");
    expect(curlSnippet('http://h', "it's")).toContain(`-u 'it'\\''s:'`);
  });

  it('gives the Node SDK and curl the same host and key', () => {
    const node = nodeSnippet('http://127.0.0.1:8787', 'wk_abc');
    expect(node).toContain("import { Waymark } from '@waymark/sdk/node';");
    expect(node).toContain("new Waymark({ writeKey: 'wk_abc', host: 'http://127.0.0.1:8787' })");
    expect(curlSnippet('http://127.0.0.1:8787', 'wk_abc')).toContain(
      "curl -u 'wk_abc:' 'http://127.0.0.1:8787/v1/track'",
    );
  });

  it('uses the newest live key, and lists live keys first', () => {
    const keys = [key('old', 1), key('revoked', 5, 6), key('new', 3)];
    expect(liveKey(keys)).toBe('new');
    expect(liveKey([key('revoked', 5, 6)])).toBeUndefined();
    expect(keysInOrder(keys).map((k) => k.key)).toEqual(['new', 'old', 'revoked']);
  });
});

describe('who manages what', () => {
  it('lets only admins change settings', () => {
    expect(canManage('admin')).toBe(true);
    expect(canManage('analyst')).toBe(false);
    expect(canManage('viewer')).toBe(false);
    expect(roleLabel('analyst')).toBe('Analyst');
  });
});

describe('form checks', () => {
  it.each([
    [{ email: 'ann@shop.example', password: 'long enough!' }, null],
    [{ email: 'ann', password: 'long enough!' }, 'The email must be an email address.'],
    [{ email: 'ann@shop.example', password: 'short' }, 'The password must be at least 10 characters.'],
  ])('a new user %j: %j', (input, problem) => {
    expect(newUserProblem(input)).toBe(problem);
  });

  it.each([
    [{ name: 'Web shop', id: '' }, null],
    [{ name: 'Web shop', id: 'web-shop_2' }, null],
    [{ name: ' ', id: '' }, 'Give the project a name.'],
    [{ name: 'Web', id: '-web' }, expect.stringContaining('The id must be')],
    [{ name: 'Web', id: 'web shop' }, expect.stringContaining('The id must be')],
  ])('a new project %j: %j', (input, problem) => {
    expect(newProjectProblem(input)).toEqual(problem);
  });

  it('generates 16-character passwords without look-alike characters', () => {
    const fixed = generatePassword((b) => b.map((_, i) => i * 37));
    expect(fixed).toHaveLength(16);
    expect(fixed).toBe(generatePassword((b) => b.map((_, i) => i * 37)));
    const random = generatePassword();
    expect(random).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
    expect(generatePassword()).not.toBe(random);
  });
});
