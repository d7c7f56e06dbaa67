import { describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { DEFAULT_STAGE_MAP } from './stage-map.js';
import { parseStagesSpec } from './stages-spec.js';

function rejected(spec: unknown): WaymarkError {
  try {
    parseStagesSpec(spec);
  } catch (e) {
    if (e instanceof WaymarkError) return e;
    throw e;
  }
  throw new Error('accepted');
}

const stage = (extra: object) => ({ name: 'x', events: [{ event: 'A' }], ...extra });

describe('stages spec', () => {
  it('accepts an empty spec (the default map) and the default map written out', () => {
    expect(parseStagesSpec({})).toEqual({});
    const spec = { stages: DEFAULT_STAGE_MAP, breakdown: ['$channel', '$path'], breakdownLimit: 5 };
    expect(parseStagesSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it.each([
    [{ stages: [] }, 'stages'],
    [{ stages: [{ name: 'x' }] }, 'stages[0]'],
    [{ stages: [stage({}), stage({})] }, 'stages[1].name'],
    [{ stages: [{ name: 'x', traits: [{ property: 'plan', op: 'is_set' }], minCount: 2 }] }, 'stages[0].minCount'],
    [{ stages: [stage({ combine: 'any' })] }, 'stages[0].combine'],
    [{ stages: [stage({ minCount: 0 })] }, 'stages[0].minCount'],
    [{ stages: [stage({ traits: [{ on: 'event', property: 'plan', op: 'is_set' }] })] }, 'stages[0].traits[0].on'],
    [
      { stages: [{ name: 'x', events: [{ event: 'A', where: [{ property: 'p', op: 'gt', value: 'high' }] }] }] },
      'stages[0].events[0].where[0]',
    ],
    [{ stages: [stage({ when: 1 })] }, 'stages[0].when'],
    [
      { stages: [{ name: 'x', events: [{ event: 'A', where: [{ on: 'person', property: 'plan', op: 'is_set' }] }] }] },
      'stages[0].events[0].where[0].on',
    ],
    [{ breakdown: ['channel'] }, 'breakdown[0]'],
    [{ breakdown: ['$channel', '$channel'] }, 'breakdown'],
    [{ breakdownLimit: 0 }, 'breakdownLimit'],
    [{ range: { from: 'last tuesday' } }, 'range.from'],
  ])('rejects %j naming %s', (spec, field) => {
    const error = rejected(spec);
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe(field);
  });
});
