// The front door of ingest: admission control (429/503 with Retry-After instead of unbounded queues) and the
// durable append that makes an acknowledgement mean "stored".

import type { EventSummary, IncomingEvent } from '../core/event.js';
import { WaymarkError } from '../core/errors.js';
import { eventLine } from '../warehouse/serialize.js';
import { encodeLogEntry, type LogConsumer, type LogEntry } from './log-consumer.js';
import type { DurableLog } from './log/durable-log.js';

export interface IngestServiceOptions {
  /** Bytes waiting for a group commit beyond which requests get 429. */
  maxPendingBytes: number;
  /** Accepted-but-unstored bytes beyond which requests get 503 until the consumer catches up. */
  maxLagBytes: number;
}

export class IngestService {
  constructor(
    private readonly log: DurableLog<LogEntry>,
    private readonly consumer: LogConsumer,
    private readonly options: IngestServiceOptions,
  ) {}

  /** Why a request cannot be taken right now, or undefined when it can. */
  admit(): WaymarkError | undefined {
    if (this.log.broken) {
      return new WaymarkError('unavailable', 'the ingest log cannot be written; see the server log', {
        retryAfter: 30,
      });
    }
    if (this.log.pendingBytes > this.options.maxPendingBytes) {
      return new WaymarkError('overloaded', 'too many events are waiting to be written; retry shortly', {
        retryAfter: 1,
      });
    }
    if (this.consumer.lag > this.options.maxLagBytes) {
      return new WaymarkError('unavailable', 'storage is behind on accepted events; retry shortly', { retryAfter: 5 });
    }
    return undefined;
  }

  /** Appends the events durably; resolves once a crash can no longer lose them. */
  async accept(projectId: string, events: IncomingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const entry: LogEntry = { p: projectId, e: events, lines: events.map(eventLine) };
    try {
      await this.log.append([encodeLogEntry(entry)], [entry]);
    } catch (cause) {
      throw new WaymarkError('unavailable', 'the events could not be written durably; retry', { retryAfter: 5, cause });
    }
  }

  /** Appends lines built by `intakeRequest` (completed with `withProject`), with their summaries, durably. */
  async acceptLines(projectId: string, lines: string[], events: EventSummary[]): Promise<void> {
    if (lines.length === 0) return;
    const entry: LogEntry = { p: projectId, lines, e: events };
    try {
      await this.log.append([encodeLogEntry(entry)], [entry]);
    } catch (cause) {
      throw new WaymarkError('unavailable', 'the events could not be written durably; retry', { retryAfter: 5, cause });
    }
  }

  drain(): Promise<void> {
    return this.consumer.drain();
  }
}
