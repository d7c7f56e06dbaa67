// Current traffic weights of every bandit rule of a project: per variant, the persons first shown it by that rule
// (their first `Slot Viewed` of the rule) and how many of them converted within the rule's window after it; the
// weights are Thompson sampling's chances to be best (decisions/bandit.ts).

import { EventQuery } from '../analytics/event-query.js';
import { ParamBinder } from '../analytics/sql-params.js';
import { DAY_MS } from '../core/time.js';
import { thompsonWeights, type BanditArm } from '../decisions/bandit.js';
import { fnv1a32 } from '../decisions/hash.js';
import type { Slot } from '../decisions/model.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** Persons exposed and converted per variant of one bandit rule. */
export async function banditCounts(
  warehouse: Warehouse,
  projectId: string,
  slotId: string,
  ruleId: string,
  conversion: { event: string; withinDays?: number },
  now: number,
): Promise<Map<string, { trials: number; conversions: number }>> {
  const binder = new ParamBinder(projectId);
  const exposure = `(ev.event = 'Slot Viewed' AND JSONExtractString(ev.properties, 'slot') = ${binder.string(slotId)} AND JSONExtractString(ev.properties, 'rule') = ${binder.string(ruleId)})`;
  const converted = `ev.event = ${binder.string(conversion.event)}`;
  const windowMs = (conversion.withinDays ?? 7) * DAY_MS;
  const scan = new EventQuery(warehouse.database, binder).sql({
    select: [
      'ev.person_id AS person_id',
      `argMinIf(JSONExtractString(ev.properties, 'variant'), ev.timestamp, ${exposure}) AS variant`,
      `minIf(toUnixTimestamp64Milli(ev.timestamp), ${exposure}) AS at`,
      `countIf(${exposure}) AS exposures`,
      `arrayExists(t -> t >= at AND t < at + ${windowMs}, groupArrayIf(toUnixTimestamp64Milli(ev.timestamp), ${converted})) AS converted`,
    ],
    where: [
      `(${exposure} OR ${converted})`,
      `ev.timestamp < fromUnixTimestamp64Milli(${binder.bind(now, 'Int64')}, 'UTC')`,
    ],
  });
  const rows = await warehouse.query<{ variant: string; trials: number | string; conversions: number | string }>(
    `SELECT variant, count() AS trials, countIf(converted) AS conversions
     FROM (${scan} GROUP BY person_id HAVING exposures > 0) GROUP BY variant`,
    binder.params,
  );
  return new Map(rows.map((r) => [r.variant, { trials: Number(r.trials), conversions: Number(r.conversions) }]));
}

/** Weights of every bandit rule of these slots, keyed `slot:rule`. */
export async function banditWeights(
  warehouse: Warehouse,
  projectId: string,
  slots: readonly Slot[],
  now: number,
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const slot of slots) {
    for (const rule of slot.rules) {
      const s = rule.strategy;
      if (s.type !== 'bandit') continue;
      const counts = await banditCounts(warehouse, projectId, slot.id, rule.id, s.conversion, now);
      const arms: BanditArm[] = s.variants.map((id) => ({ id, trials: 0, conversions: 0, ...counts.get(id) }));
      out.set(`${slot.id}:${rule.id}`, thompsonWeights(arms, 10_000, fnv1a32(`${slot.id}:${rule.id}`)));
    }
  }
  return out;
}
