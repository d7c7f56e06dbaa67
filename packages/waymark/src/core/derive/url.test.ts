import { describe, expect, it } from 'vitest';
import { domainOf, parseUrl, pathOf, queryParams } from './url.js';

describe('parseUrl', () => {
  it.each([
    ['https://shop.example.com/cart?step=2#top', { host: 'shop.example.com', path: '/cart', query: '?step=2' }],
    ['https://example.com', { host: 'example.com', path: '/', query: '' }],
    ['https://example.com?x=1', { host: 'example.com', path: '/', query: '?x=1' }],
    ['https://example.com#section', { host: 'example.com', path: '/', query: '' }],
    ['HTTPS://Example.COM/Mixed/Case', { host: 'example.com', path: '/Mixed/Case', query: '' }],
    ['http://localhost:8787/v1/page', { host: 'localhost', path: '/v1/page', query: '' }],
    ['https://user:secret@example.com:8443/a', { host: 'example.com', path: '/a', query: '' }],
    ['//cdn.example.com/app.js?v=3', { host: 'cdn.example.com', path: '/app.js', query: '?v=3' }],
    ['android-app://com.google.android.gm/', { host: 'com.google.android.gm', path: '/', query: '' }],
    ['http://[::1]:3000/x', { host: '[::1]', path: '/x', query: '' }],
  ])('%s', (url, expected) => {
    expect(parseUrl(url)).toEqual(expected);
  });

  it.each([
    ['a bare path', '/cart'],
    ['a host without a scheme or //', 'example.com/cart'],
    ['an empty host', 'https:///cart'],
    ['a mailto link', 'mailto:someone@example.com'],
    ['an empty string', ''],
  ])('has no host for %s', (_name, url) => {
    expect(parseUrl(url)).toBeUndefined();
  });
});

describe('domainOf', () => {
  it.each([
    ['https://www.google.com/search?q=shoes', 'google.com'],
    ['https://WWW.Example.org:443/', 'example.org'],
    ['https://blog.example.org/post', 'blog.example.org'],
    ['https://www2.example.org/', 'www2.example.org'],
    ['/internal/path', ''],
    ['not a url', ''],
  ])('%s -> "%s"', (url, expected) => {
    expect(domainOf(url)).toBe(expected);
  });
});

describe('pathOf', () => {
  it.each([
    ['https://shop.example.com/products/42?ref=home#reviews', '/products/42'],
    ['https://shop.example.com', '/'],
    ['https://shop.example.com?x=1', '/'],
    ['/cart?coupon=SPRING', '/cart'],
    ['/cart#summary', '/cart'],
    ['/', '/'],
    ['//shop.example.com/checkout?step=1', '/checkout'],
    ['cart', ''],
    ['', ''],
  ])('%s -> "%s"', (url, expected) => {
    expect(pathOf(url)).toBe(expected);
  });
});

describe('queryParams', () => {
  it('reads the pairs of a query, with or without its "?"', () => {
    const expected = new Map([
      ['utm_source', 'google'],
      ['utm_medium', 'cpc'],
    ]);
    expect(queryParams('?utm_source=google&utm_medium=cpc')).toEqual(expected);
    expect(queryParams('utm_source=google&utm_medium=cpc')).toEqual(expected);
  });

  it('decodes percent escapes and "+" as a space', () => {
    const params = queryParams('?utm_campaign=spring%20sale&q=red+shoes&email=a%40b.test&plus=1%2B1');
    expect(params.get('utm_campaign')).toBe('spring sale');
    expect(params.get('q')).toBe('red shoes');
    expect(params.get('email')).toBe('a@b.test');
    expect(params.get('plus')).toBe('1+1');
  });

  it('keeps a value with a malformed escape as it was sent instead of throwing', () => {
    expect(queryParams('?utm_campaign=100%&utm_term=%E0%A4%A').get('utm_campaign')).toBe('100%');
    expect(queryParams('?utm_term=%E0%A4%A').get('utm_term')).toBe('%E0%A4%A');
  });

  it('lower-cases keys, keeps the first of repeated keys, and reads keys without a value as empty', () => {
    const params = queryParams('?UTM_Source=Newsletter&utm_source=other&gclid&fbclid=');
    expect(params.get('utm_source')).toBe('Newsletter');
    expect(params.get('gclid')).toBe('');
    expect(params.has('fbclid')).toBe(true);
  });

  it('skips empty pairs and empty keys', () => {
    expect([...queryParams('?&&=orphan&a=1&')]).toEqual([['a', '1']]);
  });

  it('keeps "=" inside a value', () => {
    expect(queryParams('?next=/a?b=c').get('next')).toBe('/a?b=c');
  });

  it('is empty for an empty query', () => {
    expect(queryParams('').size).toBe(0);
    expect(queryParams('?').size).toBe(0);
  });
});
