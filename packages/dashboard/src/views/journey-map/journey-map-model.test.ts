import { describe, expect, it } from 'vitest';
import type { StagesResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import {
  defaultJourneyMapChoices,
  journeyMapProblem,
  stageCondition,
  stagesSpecOf,
  stagesTable,
  touchpointsTable,
  transitionsOption,
  transitionsTable,
  journeyMapInsightName,
} from './journey-map-model.js';

const stage = (index: number, name: string, figures: Partial<StagesResult['stages'][number]>) => ({
  index,
  name,
  current: 0,
  reached: 0,
  entered: 0,
  skipped: 0,
  started: 0,
  newEntries: 0,
  movedOn: 0,
  medianMsInStage: null,
  conversionToNext: null,
  ...figures,
});

// 100 persons: 60 still aware, 30 bought once, 10 bought again after skipping nothing.
const result: StagesResult = {
  range: { from: '2026-10-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  stageMap: 'default',
  persons: 100,
  stages: [
    stage(0, 'awareness', {
      current: 60,
      reached: 100,
      entered: 100,
      started: 100,
      newEntries: 20,
      movedOn: 40,
      medianMsInStage: 3000,
      conversionToNext: 0.4,
    }),
    stage(1, 'purchase', {
      current: 30,
      reached: 40,
      entered: 35,
      skipped: 5,
      newEntries: 8,
      movedOn: 5,
      medianMsInStage: 86_400_000,
      conversionToNext: 0.25,
    }),
    stage(2, 'retention', { current: 10, reached: 10, entered: 10, newEntries: 2 }),
  ],
  transitions: [
    { from: 'awareness', to: 'purchase', persons: 35, medianMs: 3000 },
    { from: 'awareness', to: 'retention', persons: 5, medianMs: 5000 },
    { from: 'purchase', to: 'retention', persons: 5, medianMs: 90_000_000 },
  ],
  breakdowns: [
    {
      property: '$channel',
      values: [
        {
          value: 'Email',
          persons: 70,
          current: [40, 22, 8],
          reached: [70, 30, 8],
          entered: [70, 27, 8],
          newEntries: [1, 1, 1],
        },
        {
          value: 'Other',
          persons: 30,
          current: [20, 8, 2],
          reached: [30, 10, 2],
          entered: [30, 8, 2],
          newEntries: [0, 0, 0],
        },
      ],
    },
  ],
};

describe('journey map', () => {
  it('asks for the project’s map (no stages in the spec) with the chosen first touch', () => {
    expect(stagesSpecOf(defaultJourneyMapChoices('2026-11-23'))).toEqual({
      range: { last: { value: 30, unit: 'day' } },
      breakdown: ['$channel'],
      breakdownLimit: 6,
    });
    expect(journeyMapProblem({ ...defaultJourneyMapChoices('2026-11-23'), touchLimit: 0 })).toBe(
      'Values shown must be a whole number from 1 to 50.',
    );
  });

  it.each([
    [{ name: 'awareness', events: [{ event: '$page' }, { event: 'Email Opened' }] }, '$page or Email Opened'],
    [{ name: 'retention', events: [{ event: 'Order Completed' }], minCount: 2 }, 'Order Completed, at least 2 times'],
    [
      {
        name: 'advocacy',
        events: [{ event: 'NPS Survey Answered', where: [{ property: 'score', op: 'gte', value: 9 }] }],
      },
      'NPS Survey Answered (score ≥ 9)',
    ],
    [
      {
        name: 'champion',
        events: [{ event: 'Invite Sent' }],
        traits: [{ property: 'plan', op: 'in', value: ['pro', 'business'] }],
        combine: 'any' as const,
      },
      'Invite Sent or trait plan is one of pro, business',
    ],
  ])('says the condition of %j as %j', (s, text) => {
    expect(stageCondition(s)).toBe(text);
  });

  it('has one row per stage, as the analysis’ own table', () => {
    const table = stagesTable(result);
    expect(table.rows[1]).toEqual({
      stage: 'purchase',
      current: 30,
      reached: 40,
      entered: 35,
      skipped: 5,
      newEntries: 8,
      conversion: 0.25,
      medianMs: 86_400_000,
    });
    expect(toCsv(table).split('\r\n')[3]).toBe('retention,10,10,10,0,2,,');
  });

  it('lists the moves with the share of those who entered the stage they left', () => {
    expect(transitionsTable(result).rows.map((r) => [r['from'], r['to'], r['persons'], r['share']])).toEqual([
      ['awareness', 'purchase', 35, 0.35],
      ['awareness', 'retention', 5, 0.05],
      ['purchase', 'retention', 5, 0.1429],
    ]);
    const series = (transitionsOption(result).series as { data: { name: string; depth: number }[] }[])[0]!;
    expect(series.data.map((d) => [d.name, d.depth])).toEqual([
      ['awareness', 0],
      ['purchase', 1],
      ['retention', 2],
    ]);
  });

  it('counts, per first touch, the persons who reached each stage', () => {
    const table = touchpointsTable(result);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Channel',
      'Persons',
      'Reached awareness',
      'Reached purchase',
      'Reached retention',
      'awareness → retention',
    ]);
    expect(table.rows[0]).toEqual({ value: 'Email', persons: 70, s0: 70, s1: 30, s2: 8, conversion: 0.1143 });
  });

  it('offers a name for a saved journey map from its spec', () => {
    expect(journeyMapInsightName({ breakdown: ['$utm_source'], breakdownLimit: 6 })).toBe(
      'Journey map, touchpoints by utm source',
    );
    expect(journeyMapInsightName({})).toBe('Journey map');
  });
});
