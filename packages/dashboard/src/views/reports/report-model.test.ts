import { describe, expect, it } from 'vitest';
import type { ReportDelivery } from '../../api/reports.js';
import {
  alertSentence,
  checkWeek,
  deliveryAlert,
  isoWeekOf,
  lastCompleteWeek,
  sendSentence,
  weekDates,
} from './report-model.js';

describe('ISO weeks', () => {
  // Reference values: ISO 8601 calendars (years with 53 weeks, weeks that straddle the new year).
  it.each([
    [2026, 12, 2, '2026-W49'],
    [2026, 11, 29, '2026-W48'],
    [2026, 11, 23, '2026-W48'],
    [2027, 1, 1, '2026-W53'],
    [2021, 1, 3, '2020-W53'],
    [2019, 12, 30, '2020-W01'],
    [2024, 12, 30, '2025-W01'],
    [2026, 1, 1, '2026-W01'],
  ])('%i-%i-%i is in %s', (y, m, d, week) => {
    expect(isoWeekOf(y, m, d)).toBe(week);
  });

  it('the last complete week is the one before the current week, in the project’s zone', () => {
    const wednesday = Date.UTC(2026, 11, 2, 12);
    expect(lastCompleteWeek(wednesday, 'UTC')).toBe('2026-W48');
    // Monday 00:30 in Berlin is still Sunday in UTC: Berlin's last complete week is a week later.
    const mondayInBerlin = Date.UTC(2026, 10, 29, 23, 30);
    expect(lastCompleteWeek(mondayInBerlin, 'UTC')).toBe('2026-W47');
    expect(lastCompleteWeek(mondayInBerlin, 'Europe/Berlin')).toBe('2026-W48');
    // Sunday evening in Los Angeles when it is already Monday in UTC.
    expect(lastCompleteWeek(Date.UTC(2026, 10, 30, 3), 'America/Los_Angeles')).toBe('2026-W47');
    expect(lastCompleteWeek(wednesday, 'Not/AZone')).toBe('2026-W48');
  });

  it.each([
    ['2026-W48', '2026-W48'],
    [' 2026w48 ', '2026-W48'],
    ['2026-W5', '2026-W05'],
    ['2026-W53', '2026-W53'],
  ])('reads %j as %s', (text, week) => {
    expect(checkWeek(text)).toEqual({ week });
  });

  it.each([
    ['last', 'must be an ISO week like 2026-W47, not "last"'],
    ['2025-W53', '2025 has weeks 1 to 52, not 53'],
    ['2026-W00', '2026 has weeks 1 to 53, not 0'],
  ])('refuses %j', (text, problem) => {
    expect(checkWeek(text)).toEqual({ problem });
  });

  it('names the days of a week, across a new year too', () => {
    expect(weekDates('2026-W48')).toBe('23 Nov – 29 Nov 2026');
    expect(weekDates('2026-W53')).toBe('28 Dec – 3 Jan 2027');
    expect(weekDates('2020-W01')).toBe('30 Dec – 5 Jan 2020');
  });
});

let n = 0;
function delivery(over: Partial<ReportDelivery>): ReportDelivery {
  n += 1;
  return {
    id: `d${n}`,
    project: 'demo',
    week: '2026-W48',
    schedule: 'weekly',
    source: 'schedule',
    channel: 'email',
    target: 'team@shop.example',
    subject: 'Demo: week 2026-W48',
    status: 'sent',
    attempts: 1,
    maxAttempts: 4,
    lastError: null,
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:01.000Z',
    nextAttemptAt: null,
    sentAt: '2026-11-30T08:00:01.000Z',
    ...over,
  };
}

describe('which deliveries need attention', () => {
  const hook = { channel: 'webhook' as const, target: 'https://hooks.example.com/w' };

  it('raises nothing for an empty log or when all were sent', () => {
    expect(deliveryAlert([])).toBeNull();
    expect(deliveryAlert([delivery({}), delivery(hook)])).toBeNull();
  });

  it('counts the failed targets of the newest week', () => {
    const failed = delivery({ ...hook, status: 'failed', lastError: 'answered 503', attempts: 4 });
    const alert = deliveryAlert([failed, delivery({}), delivery({ week: '2026-W47', status: 'failed' })]);
    expect(alert).toEqual({ week: '2026-W48', failed: [failed], retrying: 0, targets: 2 });
    expect(alertSentence(alert!)).toBe('1 of 2 deliveries of the 2026-W48 report failed.');
  });

  it('forgets a failure an older week had, and one a later delivery to the same target put right', () => {
    expect(deliveryAlert([delivery({ week: '2026-W49' }), delivery({ status: 'failed' })])).toBeNull();
    const again = [
      delivery({ ...hook, createdAt: '2026-11-30T09:00:00.000Z' }),
      delivery({ ...hook, status: 'failed', createdAt: '2026-11-30T08:00:00.000Z' }),
    ];
    expect(deliveryAlert(again)).toBeNull();
    expect(deliveryAlert(again.reverse())).toBeNull();
  });

  it('mentions deliveries waiting for another attempt', () => {
    const alert = deliveryAlert([delivery({ status: 'retrying' }), delivery({ ...hook, status: 'failed' })]);
    expect(alert?.retrying).toBe(1);
    expect(alertSentence(alert!)).toBe(
      '1 of 2 deliveries of the 2026-W48 report failed. 1 is waiting to be tried again.',
    );
  });

  it('sums up a send-now', () => {
    expect(sendSentence([delivery({}), delivery({ ...hook, status: 'failed' })], '2026-W48')).toBe(
      'The 2026-W48 report: 1 of 2 sent, 1 failed.',
    );
    expect(sendSentence([delivery({ status: 'retrying' })], '2026-W48')).toBe(
      'The 2026-W48 report: 0 of 1 sent, 1 to be tried again.',
    );
  });
});
