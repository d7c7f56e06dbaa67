// Cron expressions of report schedules, read by croner in the schedule's time zone: five fields (minute hour
// day-of-month month day-of-week) or a nickname such as `@weekly`. Day-of-week 1 is Monday.

import { Cron } from 'croner';
import { fail } from '../../core/field-check.js';

/** Monday 08:00. */
export const DEFAULT_CRON = '0 8 * * 1';

const cronOptions = (timeZone: string) => ({ timezone: timeZone, mode: '5-part' as const });

/** Checks a cron expression; the error names `field` and says what croner objected to. */
export function checkCron(pattern: unknown, field = 'cron'): string {
  if (typeof pattern !== 'string' || pattern.trim() === '' || pattern.length > 100)
    fail(field, 'must be a cron expression such as "0 8 * * 1" (Monday 08:00)');
  try {
    new Cron(pattern.trim(), { ...cronOptions('UTC'), paused: true }).stop();
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern:\s*/, '');
    fail(field, `is not a valid cron expression ("${pattern}"): ${reason}`);
  }
  return pattern.trim();
}

/** The next `count` run times after `from`, for a pattern in a time zone (both checked beforehand). */
export function nextRunTimes(pattern: string, timeZone: string, from: Date, count: number): Date[] {
  const job = new Cron(pattern, { ...cronOptions(timeZone), paused: true });
  try {
    return job.nextRuns(count, from);
  } finally {
    job.stop();
  }
}

/**
 * Starts a job calling `run` at each run time. `run` must not throw; croner's own catch is a second guard so a bug
 * in a callback is reported instead of becoming an uncaught exception.
 */
export function startCronJob(
  pattern: string,
  timeZone: string,
  run: () => void,
  onError: (error: unknown) => void,
): Cron {
  return new Cron(pattern, { ...cronOptions(timeZone), unref: true, catch: (error) => onError(error) }, run);
}
