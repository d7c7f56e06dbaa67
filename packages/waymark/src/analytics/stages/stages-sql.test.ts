import { describe, expect, it } from 'vitest';
import { ParamBinder } from '../sql-params.js';
import { personStagesSql, stageJourneySql, stageMetSql } from './person-stages-sql.js';
import { NEVER_MS } from './stage-events-sql.js';
import { DEFAULT_STAGE_MAP, type Stage } from './stage-map.js';
import { compileStages, moveKind } from './stages-sql.js';
import { parseStagesSpec } from './stages-spec.js';

const range = { from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-08T00:00:00Z') };
const compile = (spec: object) => compileStages('wh', 'shop', parseStagesSpec(spec), range);
const TRAITS: Stage[] = [
  { name: 'lead', events: [{ event: 'Signed Up', where: [{ property: 'source', op: 'eq', value: "x' OR 1=1" }] }] },
  { name: 'pro', traits: [{ property: 'plan', op: 'eq', value: 'pro' }] },
  {
    name: 'champion',
    events: [{ event: 'Invite Sent' }],
    traits: [{ property: 'seats', op: 'gte', value: 5 }],
    combine: 'any',
  },
  { name: 'both', events: [{ event: 'Invite Sent' }], traits: [{ property: 'seats', op: 'gte', value: 50 }] },
];

describe('stages SQL compiler', () => {
  it('binds every value: event names, filter values, stage names, times and the project', () => {
    const { sql, params } = compile({ stages: TRAITS });
    const values = Object.values(params);
    for (const text of ['Signed Up', 'OR 1=1', "'pro'", 'plan', 'seats', 'Invite Sent', 'champion']) {
      expect(sql).not.toContain(text);
    }
    expect(values).toContain("x' OR 1=1");
    expect(values).toContain('Invite Sent');
    expect(values).toContain(range.from);
    expect(values).toContain(range.to);
    expect(params['project']).toBe('shop');
  });

  it('the first matching event enters a stage; a counted stage waits for the Nth', () => {
    const { sql } = compile({});
    expect(sql).toContain(`min(if(did_0, t, toInt64(${NEVER_MS}))) AS met_0`);
    // Retention: the second Order Completed, over all of the person's distinct ids.
    expect(sql).toContain('groupArraySortedIf(2)(t, did_4) AS met_4');
    expect(sql).toContain('if(length(arraySort(groupArrayArray(met_4))) >= 2, arraySort(groupArrayArray(met_4))[2], ');
    // Only the map's events and touches are read, up to the end of the range.
    expect(sql).toMatch(/ev\.event IN \{p\d+:Array\(String\)\} OR ev\.channel != ''/);
    expect(sql).toContain("OR ev.device_type != ''");
    expect(sql).toMatch(/ev\.timestamp < fromUnixTimestamp64Milli\(\{p\d+:Int64\}, 'UTC'\)/);
    expect(sql).not.toContain('UNION ALL');
  });

  it('folds events per distinct id first, then resolves those partial results to persons', () => {
    const { sql } = compile({});
    expect(sql).toContain('GROUP BY distinct_id) AS d');
    expect(sql).toContain('LEFT JOIN (SELECT distinct_id, argMax(person_id, version) AS person_id');
    expect(sql).toContain("if(ids.person_id != '', ids.person_id, d.stored_person_id) AS person_id");
    expect(sql).toContain('min(met_0)');
  });

  it('checks traits over their history and combines them with events by "all" or "any"', () => {
    const { sql } = compile({ stages: TRAITS, breakdown: [] });
    expect(sql).toContain('UNION ALL');
    expect(sql).toContain('anyLast(nullIf(raw_trait_0');
    expect(sql).toContain('PARTITION BY person_id ORDER BY t, traits ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    expect(sql).toContain('minForEach(events_met) AS e, minForEach(traits_met) AS r');
    expect(sql).toContain('[e[1], r[2], least(e[3], r[3]), greatest(e[4], r[4])] AS met');
    expect(sql).toContain('[]::Array(String) AS touch');
  });

  it('takes each breakdown value from the first touch, ties on time broken by a hash of the value', () => {
    const { sql } = compile({ breakdown: ['$utm_source'] });
    expect(sql).toContain('toString(ev.source) AS touch_0');
    expect(sql).toContain('t * 1024 + toInt64(cityHash64(ev.source) % 1024) AS touch_key_0');
    expect(sql).toContain("argMinIf(touch_0, touch_key_0, touch_0 != '') AS first_touch_0");
    expect(sql).toContain("argMinIf(first_touch_0, first_touch_key_0, first_touch_0 != '')");
  });

  it('enters a stage only when it was met strictly before every later stage', () => {
    const sql = stageJourneySql('SELECT 1', 3);
    const never = `toInt64(${NEVER_MS})`;
    expect(sql).toContain(`if(met[1] < least(met[2], met[3]), met[1], ${never}) AS entered_1`);
    expect(sql).toContain(`if(met[3] < ${never}, met[3], ${never}) AS entered_3`);
    // The next stage is the first later one entered; the stay runs until it.
    expect(sql).toContain(
      `if(entered_1 < ${never}, multiIf(entered_2 < ${never}, 2, entered_3 < ${never}, 3, 0), 0) AS next_1`,
    );
    expect(sql).toContain('multiIf(next_1 = 2, entered_2 - entered_1, next_1 = 3, entered_3 - entered_1, 0) AS stay_1');
  });

  it('returns persons per path (entered stages as bits) per breakdown value, and medians of the moves', () => {
    expect(moveKind(2, 5)).toBe(37);
    const { sql } = compile({ breakdown: ['$channel'] });
    expect(sql).toContain(
      `toUInt16(bitShiftLeft(toUInt16(entered_1 < toInt64(${NEVER_MS})), 0) + bitShiftLeft(toUInt16(entered_2 < `,
    );
    expect(sql).toMatch(
      /bitShiftLeft\(toUInt16\(entered_6 >= \{p\d+:Int64\} AND entered_6 < \{p\d+:Int64\}\), 5\)\) AS new_mask/,
    );
    // All persons, then the breakdown: one path fact each; a move adds its own fact and one for time in the stage.
    expect(sql).toContain("[(toUInt8(0), '', path_mask, new_mask, toUInt16(0), toInt64(0)), (toUInt8(1), touch[1], ");
    expect(sql).toContain(
      "if(next_5 > 0, [(toUInt8(0), '', toUInt16(0), toUInt16(0), toUInt16(80 + next_5), toInt64(stay_5)), (toUInt8(0), '', toUInt16(0), toUInt16(0), toUInt16(80), toInt64(stay_5))], [])",
    );
    expect(sql).toContain('quantileExactInclusiveIf(0.5)(ms, kind != 0) AS median_ms');
    expect(sql).toContain('GROUP BY dim, value, path, new_path, kind');
  });

  it('personStagesSql returns person_id, stage and entered_at, with values on the caller binder', () => {
    const binder = new ParamBinder('shop');
    binder.string('taken by the caller');
    const sql = personStagesSql('wh', binder, DEFAULT_STAGE_MAP, { asOf: range.to });
    expect(sql).toMatch(/^SELECT person_id, arrayElement\(\{p\d+:Array\(String\)\}, current_stage\) AS stage,/);
    expect(sql).toContain("fromUnixTimestamp64Milli(met[current_stage], 'UTC') AS entered_at");
    expect(sql).not.toContain('{p0:');
    expect(Object.values(binder.params)).toContainEqual(DEFAULT_STAGE_MAP.map((s) => s.name));
    expect(Object.values(binder.params)).toContain(range.to);
    // Without `asOf`, every event counts.
    const now = stageMetSql('wh', new ParamBinder('shop'), DEFAULT_STAGE_MAP, {});
    expect(now).not.toContain('fromUnixTimestamp64Milli');
  });
});
