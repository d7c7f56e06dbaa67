import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, event } from '../test-support/events.js';
import { INSERT_COLUMNS, eventFromLine, eventLine, tsv, withPerson } from './serialize.js';

describe('event lines', () => {
  it('round-trip an event, escapes and all', () => {
    const e = event('p', {
      type: 'page',
      anonymousId: 'a\tb',
      name: 'Line\nbreak \\ back',
      properties: { note: 'tab\there', path: 'C:\\dir' },
      context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', page: { url: 'https://x.test/a?b=c' } },
      timestamp: at(3),
    });
    expect(eventFromLine(eventLine(e))).toEqual(e);
    expect(eventLine(e).split('\t')).toHaveLength(32);
    expect(withPerson(eventLine(e), 'person-1').split('\t')).toHaveLength(33);
  });

  it('keeps any string intact through escaping', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const e = event('p', { type: 'track', userId: 'u', event: 'E', properties: { text } });
        expect(eventFromLine(eventLine(e)).properties).toBe(e.properties);
        expect(tsv(text)).not.toMatch(/[\t\n\r]/);
      }),
    );
  });
});

describe('insert column order', () => {
  it('matches the order eventLine writes, person first', () => {
    const e = event('proj', { type: 'track', userId: 'u', event: 'E', properties: { revenue: 3 }, timestamp: at(1) });
    const values = withPerson(eventLine(e), 'person').split('\t');
    const row: Record<string, string> = Object.fromEntries(INSERT_COLUMNS.map((c, i) => [c, values[i] ?? '']));
    expect(row).toMatchObject({
      person_id: 'person',
      project_id: 'proj',
      user_id: 'u',
      event: 'E',
      revenue: '3',
      timestamp: String(e.timestamp),
    });
  });
});
