// The standard RFM groups as cells of the recency x frequency-monetary grid. Scores are quintiles among the
// project's buyers (1 = lowest fifth, 5 = highest; recency 5 = bought most recently); FM is the mean of the
// frequency and monetary scores, rounded half up. Every cell belongs to exactly one group.

import type { RfmGroup } from './definition.js';

export const DEFAULT_PURCHASE_EVENT = 'Order Completed';

/** Rows: recency 5 down to 1; columns: FM 1 to 5. */
export const RFM_GRID: readonly (readonly RfmGroup[])[] = [
  ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
  ['promising', 'potential_loyalists', 'loyal', 'champions', 'champions'],
  ['promising', 'need_attention', 'need_attention', 'loyal', 'loyal'],
  ['about_to_sleep', 'hibernating', 'at_risk', 'cannot_lose_them', 'cannot_lose_them'],
  ['lost', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose_them'],
];

/** The (recency, FM) cells of a group. */
export function rfmCells(group: RfmGroup): [number, number][] {
  const cells: [number, number][] = [];
  RFM_GRID.forEach((row, i) =>
    row.forEach((g, j) => {
      if (g === group) cells.push([5 - i, j + 1]);
    }),
  );
  return cells;
}
