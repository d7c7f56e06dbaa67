import { describe, expect, it } from 'vitest';
import type { DropOffResult } from '../../api/funnels.js';
import { toCsv } from '../../lib/csv.js';
import {
  allDroppedPersonsSpec,
  droppedPersonsSpec,
  dropOffSentence,
  dropOffSpec,
  formatP,
  nextEventsTable,
  overRepresentedTable,
} from './drop-off-model.js';

const result: DropOffResult = {
  step: 1,
  stepName: 'Product Added',
  previousStepName: 'Product Viewed',
  dropped: 1986,
  reached: 656,
  inProgress: 930,
  nextEvents: [{ event: '$page', persons: 1567, share: 0.789023 }],
  overRepresented: [
    {
      dimension: '$device_type',
      value: 'mobile',
      dropped: 1072,
      reached: 285,
      shareOfDropped: 0.54,
      shareOfReached: 0.434,
      lift: 1.2442,
      p: 0.00000288,
      significant: true,
    },
  ],
  sampled: false,
};

describe('drop-off drill-down', () => {
  it('asks for the dropped persons and the analysis of the same funnel, without its breakdown', () => {
    const spec = { steps: [{ event: 'a' }, { event: 'b' }], breakdown: { property: '$channel' } };
    expect(droppedPersonsSpec(spec, 1, 10)).toEqual({
      steps: spec.steps,
      step: 1,
      status: 'dropped',
      limit: 10,
      offset: 10,
    });
    expect(dropOffSpec(spec, 1)).toEqual({ steps: spec.steps, step: 1, nextEvents: 10 });
    // The full export of the list: the same persons, every page.
    expect(allDroppedPersonsSpec(spec, 1)).toEqual({ steps: spec.steps, step: 1, status: 'dropped' });
  });

  it('tables next events and over-represented traits with lift and significance', () => {
    expect(toCsv(nextEventsTable(result)).split('\r\n')[1]).toBe('$page,1567,0.789');
    const apart = overRepresentedTable(result);
    expect(apart.rows[0]).toMatchObject({ dimension: '$device_type', lift: 1.24, significant: 'yes' });
    expect(formatP(0.00000288)).toBe('< 0.0001');
    expect(formatP(0.0123)).toBe('0.012');
  });

  it('says what stands out in words', () => {
    expect(dropOffSentence(result, 1986)).toBe(
      '1,986 persons reached “Product Viewed” and did not go on to “Product Added” within the window. Device “mobile” is 1.2× as common among them as among those who reached the step (p < 0.0001).',
    );
    expect(dropOffSentence({ ...result, overRepresented: [] }, 3)).toMatch(/No channel, device or trait/);
  });
});
