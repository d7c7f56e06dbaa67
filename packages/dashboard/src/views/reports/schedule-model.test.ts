import { describe, expect, it } from 'vitest';
import type { ReportSchedule } from '../../api/reports.js';
import { draftOf, newScheduleDraft, parseRecipients, scheduleErrorKey, scheduleInputOf } from './schedule-model.js';

const saved: ReportSchedule = {
  id: 'team',
  cron: '0 7 * * 1',
  timeZone: 'Europe/Berlin',
  recipients: ['a@shop.example', 'b@shop.example'],
  webhooks: [{ url: 'https://hooks.example.com/w', secretHint: '…f00d' }],
  enabled: false,
  updatedAt: '2026-11-30T08:00:00.000Z',
  nextRuns: [],
};

describe('the schedule editor’s draft', () => {
  it('starts on Mondays at 08:00 in the project’s zone', () => {
    const draft = newScheduleDraft('Europe/Paris');
    expect(scheduleInputOf(draft, true)).toEqual({
      id: 'weekly',
      cron: '0 8 * * 1',
      timeZone: 'Europe/Paris',
      recipients: [],
      webhooks: [],
      enabled: true,
    });
  });

  it('reads recipients one a line or separated by commas and semicolons', () => {
    expect(parseRecipients(' a@x.io,\n\nb@x.io ; c@x.io\n')).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
    expect(parseRecipients('  ')).toEqual([]);
  });

  it('saves a schedule back without its id, keeping webhook secrets that were not typed', () => {
    const draft = draftOf(saved);
    expect(draft.recipients).toBe('a@shop.example\nb@shop.example');
    const input = scheduleInputOf(
      {
        ...draft,
        webhooks: [...draft.webhooks, { url: '', secret: '' }, { url: 'http://x.io/h', secret: ' s3cret ' }],
      },
      false,
    );
    expect(input).toEqual({
      cron: '0 7 * * 1',
      timeZone: 'Europe/Berlin',
      recipients: ['a@shop.example', 'b@shop.example'],
      webhooks: [{ url: 'https://hooks.example.com/w' }, { url: 'http://x.io/h', secret: 's3cret' }],
      enabled: false,
    });
  });

  it.each([
    ['cron', 'cron'],
    ['timeZone', 'timeZone'],
    ['recipients', 'recipients'],
    ['recipients[1]', 'recipients'],
    ['webhooks', 'webhooks'],
    // The API counts the rows sent: the blank second row was left out, so its [1] is the draft's third row.
    ['webhooks[1].url', 'webhooks.2.url'],
    ['webhooks[1].secret', 'webhooks.2.secret'],
    ['webhooks[0]', 'webhooks.0.url'],
    ['webhooks[5].url', 'webhooks'],
    ['schedule', 'form'],
    [undefined, 'form'],
  ])('shows an error on %s by the control %s', (field, key) => {
    const draft = {
      ...draftOf(saved),
      webhooks: [
        { url: 'https://a.io', secret: '' },
        { url: ' ', secret: '' },
        { url: 'ftp://b.io', secret: 'short' },
      ],
    };
    expect(scheduleErrorKey(field, draft)).toBe(key);
  });
});
