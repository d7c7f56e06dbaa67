import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { openSqliteState } from '../../state/sqlite/open-sqlite-state.js';
import type { StateStore } from '../../state/state-store.js';
import { testDir } from '../../test-support/stores.js';
import { nextRunTimes } from './cron.js';
import { parseRetryDelays } from './retry.js';
import { getSchedule, parseReportSchedule, publicSchedule, saveSchedule } from './schedule.js';
import { parseSendRequest } from './send-request.js';
import { parseSmtpUrl } from './smtp-config.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');

function errorOf(fn: () => unknown): WaymarkError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WaymarkError) return error;
    throw error;
  }
  throw new Error('expected a WaymarkError');
}

describe('report schedules: next run times in the schedule time zone (croner, fixed dates)', () => {
  // A scenario table: pattern, zone, from, the next runs expected, with the clock changes of 2027.
  it.each([
    {
      what: 'Monday 08:00 in Berlin (winter, UTC+1)',
      cron: '0 8 * * 1',
      timeZone: 'Europe/Berlin',
      from: '2026-12-02T10:00:00Z',
      runs: ['2026-12-07T07:00:00.000Z', '2026-12-14T07:00:00.000Z', '2026-12-21T07:00:00.000Z'],
    },
    {
      what: 'Monday 08:00 in Berlin across the spring change (28 March 2027)',
      cron: '0 8 * * 1',
      timeZone: 'Europe/Berlin',
      from: '2027-03-20T00:00:00Z',
      runs: ['2027-03-22T07:00:00.000Z', '2027-03-29T06:00:00.000Z', '2027-04-05T06:00:00.000Z'],
    },
    {
      what: 'Monday 08:00 in New York across the spring change (14 March 2027)',
      cron: '0 8 * * 1',
      timeZone: 'America/New_York',
      from: '2027-03-05T00:00:00Z',
      runs: ['2027-03-08T13:00:00.000Z', '2027-03-15T12:00:00.000Z', '2027-03-22T12:00:00.000Z'],
    },
    {
      what: 'Monday 08:00 in Tokyo falls on Sunday in UTC',
      cron: '0 8 * * 1',
      timeZone: 'Asia/Tokyo',
      from: '2026-12-02T10:00:00Z',
      runs: ['2026-12-06T23:00:00.000Z', '2026-12-13T23:00:00.000Z', '2026-12-20T23:00:00.000Z'],
    },
    {
      what: 'weekdays 07:30 in Kolkata (UTC+5:30)',
      cron: '30 7 * * 1-5',
      timeZone: 'Asia/Kolkata',
      from: '2026-12-03T10:00:00Z',
      runs: ['2026-12-04T02:00:00.000Z', '2026-12-07T02:00:00.000Z', '2026-12-08T02:00:00.000Z'],
    },
  ])('$what', ({ cron, timeZone, from, runs }) => {
    expect(nextRunTimes(cron, timeZone, new Date(from), 3).map((d) => d.toISOString())).toEqual(runs);
  });
});

describe('report schedules: checking a definition', () => {
  it('fills the defaults: Monday 08:00, the project time zone, enabled, a generated webhook secret', () => {
    const s = parseReportSchedule(
      { recipients: ['team@shop.test'], webhooks: [{ url: 'https://hooks.shop.test/waymark' }] },
      { timeZone: 'Europe/Paris' },
      NOW,
    );
    expect(s).toMatchObject({
      id: 'weekly',
      cron: '0 8 * * 1',
      timeZone: 'Europe/Paris',
      enabled: true,
      recipients: ['team@shop.test'],
    });
    expect(s.webhooks[0]?.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const shown = publicSchedule(s, NOW);
    expect(JSON.stringify(shown)).not.toContain(s.webhooks[0]!.secret);
    expect(shown.webhooks[0]?.secretHint).toBe(`…${s.webhooks[0]!.secret.slice(-4)}`);
    expect(shown.nextRuns[0]).toBe('2026-12-07T07:00:00.000Z');
  });

  it.each([
    { body: { recipients: ['a@b.test'], cron: '61 8 * * 1' }, field: 'cron', says: 'minute' },
    { body: { recipients: ['a@b.test'], cron: '0 0 8 * * 1' }, field: 'cron', says: 'exactly 5 parts' },
    { body: { recipients: ['a@b.test'], cron: 'every monday' }, field: 'cron', says: 'not a valid cron' },
    { body: { recipients: ['a@b.test'], timeZone: 'Mars/Olympus' }, field: 'timeZone', says: 'Mars/Olympus' },
    { body: { recipients: ['a@b.test', 'not-an-address'] }, field: 'recipients[1]', says: 'e-mail address' },
    { body: { recipients: ['a@b.test; c@d.test'] }, field: 'recipients[0]', says: 'e-mail address' },
    { body: { recipients: ['a@b.test', 'A@b.test'] }, field: 'recipients', says: 'twice' },
    { body: { webhooks: [{ url: 'ftp://x.test/' }] }, field: 'webhooks[0].url', says: 'http:// or https://' },
    { body: { webhooks: [{ url: 'not a url' }] }, field: 'webhooks[0].url', says: 'http:// or https://' },
    { body: { webhooks: [{ url: 'https://x.test/', secret: 'short' }] }, field: 'webhooks[0].secret', says: '16' },
    { body: { recipients: [] }, field: 'recipients', says: 'at least one' },
    { body: { recipients: ['a@b.test'], enabled: 'yes' }, field: 'enabled', says: 'true or false' },
    { body: { recipients: ['a@b.test'], when: 'monday' }, field: 'schedule.when', says: 'not a field' },
  ])('refuses $field ($says)', ({ body, field, says }) => {
    const error = errorOf(() => parseReportSchedule(body, { timeZone: 'UTC' }, NOW));
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe(field);
    expect(error.message).toContain(says);
  });

  it('send-now requests name the field at fault', () => {
    expect(parseSendRequest({ week: '2026-W47', recipients: ['a@b.test'] })).toEqual({
      week: '2026-W47',
      recipients: ['a@b.test'],
    });
    expect(errorOf(() => parseSendRequest({ week: '2026-47' })).field).toBe('week');
    expect(errorOf(() => parseSendRequest({ week: '2026-W54' })).field).toBe('week');
    expect(errorOf(() => parseSendRequest({ webhooks: [{ url: 'https://x.test/' }] })).field).toBe(
      'webhooks[0].secret',
    );
    expect(errorOf(() => parseSendRequest({ schedule: 'weekly', recipients: ['a@b.test'] })).field).toBe('schedule');
  });

  it('SMTP URLs: TLS modes, defaults and errors naming the option', () => {
    expect(parseSmtpUrl('smtps://bob%40shop.test:p%40ss@mail.shop.test')).toEqual({
      host: 'mail.shop.test',
      port: 465,
      security: 'tls',
      auth: { user: 'bob@shop.test', pass: 'p@ss' },
      from: 'bob@shop.test',
      tlsVerify: true,
    });
    expect(parseSmtpUrl('smtp://relay:2525?from=r@shop.test&starttls=required')).toMatchObject({
      port: 2525,
      security: 'starttls',
    });
    expect(parseSmtpUrl('smtp://relay?from=r@shop.test')).toMatchObject({ port: 587, security: 'auto' });
    expect(parseSmtpUrl('smtp://u:x@relay', { from: 'W <w@shop.test>', password: 'env' }).auth?.pass).toBe('env');
    expect(errorOf(() => parseSmtpUrl('http://relay')).field).toBe('smtp-url');
    expect(errorOf(() => parseSmtpUrl('smtp://relay?starttls=maybe&from=a@b.test')).message).toContain('starttls');
    expect(errorOf(() => parseSmtpUrl('smtp://relay')).field).toBe('smtp-from');
    expect(errorOf(() => parseSmtpUrl('smtp://relay', { from: 'nobody' })).field).toBe('smtp-from');
  });

  it('retry waits: exponential by default, configurable, "none" for one attempt', () => {
    expect(parseRetryDelays('1m,5m,25m').delaysMs).toEqual([60_000, 300_000, 1_500_000]);
    expect(parseRetryDelays('10ms, 2s').delaysMs).toEqual([10, 2_000]);
    expect(parseRetryDelays('none').delaysMs).toEqual([]);
    expect(errorOf(() => parseRetryDelays('1 minute', 'report-retry')).field).toBe('report-retry');
  });
});

describe('report schedules saved per project in the state store', () => {
  let state: StateStore;
  beforeAll(async () => {
    state = await openSqliteState({ path: join(testDir(), 'schedules.sqlite') });
    await state.projects.create({ id: 'shop', name: 'Shop', timeZone: 'Europe/Berlin', now: NOW });
  });
  afterAll(() => state.close());

  it('creates once, replaces keeping webhook secrets not given again, and reads back', async () => {
    const project = { id: 'shop', timeZone: 'Europe/Berlin' };
    const created = await saveSchedule(
      state.definitions,
      project,
      { recipients: ['team@shop.test'], webhooks: [{ url: 'https://hooks.shop.test/a' }] },
      NOW,
      { replace: false },
    );
    expect(created.timeZone).toBe('Europe/Berlin');
    await expect(
      saveSchedule(state.definitions, project, { recipients: ['x@shop.test'] }, NOW, { replace: false }),
    ).rejects.toMatchObject({ code: 'conflict', field: 'id' });

    const replaced = await saveSchedule(
      state.definitions,
      project,
      {
        cron: '30 9 * * 2',
        timeZone: 'America/New_York',
        recipients: ['team@shop.test', 'cro@shop.test'],
        webhooks: [{ url: 'https://hooks.shop.test/a' }, { url: 'https://hooks.shop.test/b' }],
      },
      NOW + 1,
      { id: 'weekly', replace: true },
    );
    expect(replaced.webhooks[0]!.secret).toBe(created.webhooks[0]!.secret);
    expect(replaced.webhooks[1]!.secret).not.toBe(created.webhooks[0]!.secret);
    expect(await getSchedule(state.definitions, 'shop', 'weekly')).toEqual(replaced);
    await expect(
      saveSchedule(state.definitions, project, { recipients: ['x@shop.test'] }, NOW, { id: 'daily', replace: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
