// Lines of an import (from a file or an HTTP body) to events: each line parsed, validated and normalized with its
// line number kept, so every rejection names the line it came from. Shared by `waymark import` and /api/import.

import { randomUUID } from 'node:crypto';
import type { EventSummary, IncomingEvent, JsonObject } from '../core/event.js';
import { eventLine } from '../warehouse/serialize.js';
import type { IngestLimits } from '../core/limits.js';
import type { CallValidator } from '../core/schema.js';
import { intakeCalls, type Rejection } from './intake.js';

export interface ReadItem {
  /** 1-based line (JSON lines) or record number (CSV, header excluded). */
  line: number;
  call?: JsonObject;
  /** Why the line could not be read. */
  error?: string;
}

export type LineRejection = Rejection & { line: number };

/** One JSON line as an item; undefined for a blank line. */
export function parseJsonLine(text: string, line: number): ReadItem | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { line, error: 'the line is not a JSON object' };
    }
    return { line, call: value as JsonObject };
  } catch (e) {
    return { line, error: `invalid JSON: ${(e as Error).message}` };
  }
}

export interface IntakeItemsOptions {
  projectId: string;
  validator: CallValidator;
  limits: IngestLimits;
}

/** Validates and normalizes items as an import does: timestamps kept, no clock-skew correction. */
export function intakeItems(
  items: readonly ReadItem[],
  options: IntakeItemsOptions,
): { events: IncomingEvent[]; rejected: LineRejection[] } {
  const calls: unknown[] = [];
  const lines: number[] = [];
  const rejected: LineRejection[] = [];
  for (const item of items) {
    if (item.error !== undefined || item.call === undefined) {
      rejected.push({
        index: item.line - 1,
        line: item.line,
        code: 'invalid_json',
        field: '',
        message: item.error ?? '',
      });
    } else {
      calls.push(item.call);
      lines.push(item.line);
    }
  }
  const outcome = intakeCalls(calls, {
    projectId: options.projectId,
    receivedAt: Date.now(),
    correctSkew: false,
    validator: options.validator,
    limits: options.limits,
    newMessageId: randomUUID,
    fieldPrefix: '',
  });
  for (const r of outcome.rejected) {
    const line = lines[r.index] ?? 0;
    rejected.push({ ...r, index: line - 1, line });
  }
  return { events: outcome.events, rejected };
}

/** An import slice ready to store: warehouse lines, summaries for the pipeline, rejections by line. */
export interface PreparedSlice {
  read: number;
  lines: string[];
  events: EventSummary[];
  rejected: LineRejection[];
}

/** Whole events serve as their own summaries: copying them into smaller objects would only add work. */
export function prepareEvents(read: number, events: IncomingEvent[], rejected: LineRejection[]): PreparedSlice {
  return { read, lines: events.map(eventLine), events, rejected };
}
