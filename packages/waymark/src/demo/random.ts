// The demo's only source of randomness: a small seeded generator (sfc32) and the draws the simulation needs.
// Each customer gets its own stream, so one customer's story never shifts another's.

/** A deterministic random stream. Same seeds, same draws, on every platform. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Streams for distinct `(seed, stream)` pairs start from distinct states. */
  constructor(seed: number, stream = 0) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = stream | 0;
    this.c = mix32(seed + stream * 0x85ebca6b);
    this.d = 1;
    // sfc32's first outputs still echo the seed; a few rounds wash it out.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** sfc32 by Chris Doty-Humphrey: 128 bits of state, passes PractRand, a handful of integer ops per draw. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Exponential with the given mean: waiting times between independent happenings. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Log-normal around `median`; `spread` is the sigma of the underlying normal. Dwell times look like this. */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  /** Standard normal (Box-Muller; the spare value is dropped to keep the state simple). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}

/** murmur3's finalizer: a bijection on 32-bit integers that scatters neighbouring inputs. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Items with weights, drawn in proportion to them. Built once, drawn from many times.
 * @example new Weighted([['mobile', 55], ['desktop', 38], ['tablet', 7]]).draw(random)
 */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('Weighted needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += Math.max(0, weight);
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  draw(random: Random): T {
    const target = random.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
