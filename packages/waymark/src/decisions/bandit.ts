// Thompson sampling as probability matching: each variant gets the share of traffic equal to its posterior chance
// of having the best conversion rate (Beta(1 + conversions, 1 + non-conversions) per variant, estimated by drawing
// from every posterior `draws` times). A variant that is clearly worse fades out; close ones keep sharing. Pure: the
// random source is a seeded generator, so the same counts always give the same weights.

export interface BanditArm {
  id: string;
  trials: number;
  conversions: number;
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia and Tsang's method (shape >= 1; Beta parameters here always are). */
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function betaSample(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/** Each arm's posterior chance of being best, as traffic weights summing to 1. */
export function thompsonWeights(arms: readonly BanditArm[], draws = 10_000, seed = 1): Record<string, number> {
  const random = seededRandom(seed);
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d += 1) {
    let best = -1;
    let bestValue = -1;
    arms.forEach((arm, i) => {
      const failures = Math.max(0, arm.trials - arm.conversions);
      const value = betaSample(1 + arm.conversions, 1 + failures, random);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    if (best >= 0) wins[best] = (wins[best] as number) + 1;
  }
  const weights: Record<string, number> = {};
  arms.forEach((arm, i) => (weights[arm.id] = (wins[i] as number) / draws));
  return weights;
}
