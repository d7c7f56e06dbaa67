// Corrections for reading many p-values at once (several metrics, several variants): Holm-Bonferroni controls the
// chance of any false positive, Benjamini-Hochberg the expected share of false positives. Pure.

export type Correction = 'holm' | 'bh' | 'none';

/** Holm-Bonferroni adjusted p-values, in the input order: sorted ascending, p(i) × (m - i), kept non-decreasing. */
export function holmBonferroni(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Benjamini-Hochberg adjusted p-values, in the input order: p(i) × m / i, kept non-increasing from the largest. */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach(({ p, i }, k) => {
    running = Math.min(running, (p * m) / (m - k));
    adjusted[i] = running;
  });
  return adjusted;
}

export function adjustPValues(pValues: number[], correction: Correction): number[] {
  if (correction === 'holm') return holmBonferroni(pValues);
  if (correction === 'bh') return benjaminiHochberg(pValues);
  return [...pValues];
}
