// What a project's events look like, for pickers in the dashboard: the event names seen in a period with how often
// and when last, and the property keys of one event with how often each is set.

import { RECORDED_EVENTS } from '../core/event.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface EventName {
  name: string;
  count: number;
  lastSeen: string;
  /** Recorded by Waymark itself (membership, exposures), not sent by the customer's tracking. */
  recorded: boolean;
}

const num = (v: number | string): number => Number(v);

export async function eventNames(
  warehouse: Warehouse,
  projectId: string,
  since: number,
  limit = 500,
): Promise<EventName[]> {
  const rows = await warehouse.query<{ name: string; count: number | string; last: string }>(
    `SELECT event AS name, count() AS count, toString(max(timestamp)) AS last
     FROM ${warehouse.database}.events
     WHERE project_id = {project:String} AND timestamp >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
     GROUP BY event ORDER BY count DESC, name LIMIT {limit:UInt32}`,
    { project: projectId, since, limit },
  );
  return rows.map((r) => ({
    name: r.name,
    count: num(r.count),
    lastSeen: `${r.last.replace(' ', 'T')}Z`,
    recorded: RECORDED_EVENTS.includes(r.name),
  }));
}

export async function eventProperties(
  warehouse: Warehouse,
  projectId: string,
  event: string,
  since: number,
  limit = 200,
): Promise<{ property: string; count: number }[]> {
  const rows = await warehouse.query<{ property: string; count: number | string }>(
    `SELECT key AS property, count() AS count
     FROM ${warehouse.database}.events ARRAY JOIN JSONExtractKeys(properties) AS key
     WHERE project_id = {project:String} AND event = {event:String}
       AND timestamp >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
     GROUP BY key ORDER BY count DESC, key LIMIT {limit:UInt32}`,
    { project: projectId, event, since, limit },
  );
  return rows.map((r) => ({ property: r.property, count: num(r.count) }));
}
