// Rows to the compact JSON lines the warehouse ingests fastest (one array per row, columns in schema order).

import type { EventRow } from '../core/event.js';
import { toWarehouseTime } from '../core/time.js';
import { EVENT_COLUMNS } from './schema.js';
import type { IdentityRow } from './warehouse.js';

const TIME_COLUMNS = new Set(['timestamp', 'original_timestamp', 'sent_at', 'received_at']);

export function eventsToJsonLines(rows: readonly EventRow[]): string {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as EventRow;
    const values = EVENT_COLUMNS.map((col) => {
      const v = row[col];
      if (TIME_COLUMNS.has(col)) return v === null ? null : toWarehouseTime(v as number);
      return v;
    });
    lines[i] = JSON.stringify(values);
  }
  return lines.join('\n');
}

export function identitiesToJsonLines(rows: readonly IdentityRow[]): string {
  return rows.map((r) => JSON.stringify([r.project_id, r.distinct_id, r.person_id, r.version])).join('\n');
}
