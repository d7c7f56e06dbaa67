import { describe, expect, it } from 'vitest';
import { behaviouralSql } from './behaviour.js';
import { ParamBinder } from './sql-params.js';

describe('behavioural events', () => {
  it('leave out identity calls and the events Waymark records itself, unless the spec names one of them', () => {
    const binder = new ParamBinder('p');
    expect(behaviouralSql(binder)).toBe('ev.event NOT IN {p0:Array(String)}');
    expect(binder.params['p0']).toEqual([
      '$identify',
      '$alias',
      '$group',
      'Segment Entered',
      'Segment Exited',
      'Experiment Viewed',
      'Slot Viewed',
    ]);
    const named = behaviouralSql(binder, ['Segment Entered', 'Order Completed']);
    expect(named).toBe('(ev.event NOT IN {p1:Array(String)} OR ev.event IN {p2:Array(String)})');
    expect(binder.params['p2']).toEqual(['Segment Entered']);
  });
});
