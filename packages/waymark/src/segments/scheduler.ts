// Refreshes the stored membership of every saved segment of every project on a schedule, one segment at a time.
// A failing segment is reported and skipped; the schedule carries on and never stops the server.

import type { Condition } from './definition.js';
import type { RefreshResult } from './membership.js';
import { listSegments, resolveSegmentRefs, type SegmentStore } from './segments.js';

export interface SchedulerDeps {
  /** Records one whole segment's membership (RealtimeSegments.refresh, which also schedules sliding windows). */
  refresher: {
    refresh(
      projectId: string,
      segment: { id: string; name: string; condition: Condition },
      now: number,
    ): Promise<RefreshResult>;
  };
  segments: SegmentStore;
  projects: { list(): Promise<{ id: string }[]> };
  /** Where failures are reported (the server's log). */
  onError: (message: string, error: unknown) => void;
}

export interface RefreshRound {
  startedAt: string;
  segments: number;
  failed: number;
  results: RefreshResult[];
}

export class SegmentScheduler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<RefreshRound> | undefined;
  last: RefreshRound | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Starts refreshing every `intervalMs` (the first round after one interval). */
  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.refreshAll().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** One round over all segments; joins the round in progress if there is one. */
  refreshAll(now = Date.now()): Promise<RefreshRound> {
    this.running ??= this.round(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(now: number): Promise<RefreshRound> {
    const { refresher, segments, projects, onError } = this.deps;
    const round: RefreshRound = { startedAt: new Date(now).toISOString(), segments: 0, failed: 0, results: [] };
    for (const project of await projects.list()) {
      for (const segment of await listSegments(segments, project.id)) {
        round.segments += 1;
        try {
          const condition = await resolveSegmentRefs(segments, project.id, segment.condition, [segment.id]);
          round.results.push(await refresher.refresh(project.id, { ...segment, condition }, now));
        } catch (error) {
          round.failed += 1;
          onError(`segment "${segment.id}" of project "${project.id}" could not be refreshed`, error);
        }
      }
    }
    this.last = round;
    return round;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
