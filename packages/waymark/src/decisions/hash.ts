// Deterministic assignment: the same person always lands in the same bucket of the same seed, in the server and in
// every SDK. Language-neutral, so that any client can reimplement it and check itself against hash-cases.json:
//
//   h      = FNV-1a 32-bit over the UTF-8 bytes of  seed + ":" + unit
//   h      = murmur3's fmix32(h)   (h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13; h *= 0xc2b2ae35; h ^= h >>> 16)
//   bucket = h / 2^32               in [0, 1)
//
// The finalizer spreads FNV's weak high bits, so ids that differ in one character (user-1, user-2) spread evenly.
// A weighted choice takes the first variant whose cumulative weight share exceeds the bucket.

const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  // ASCII text is its own UTF-8: hash the char codes without encoding (the usual case, and the hot path).
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return fnv1a32Bytes(encoder.encode(text));
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fnv1a32Bytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bucket of `unit` (a user or anonymous id) for `seed`, uniform in [0, 1). */
export function bucket(seed: string, unit: string): number {
  return fmix32(fnv1a32(`${seed}:${unit}`)) / 4294967296;
}

/**
 * The index chosen by bucket `u` among `weights` (non-negative, any sum): the first whose cumulative share exceeds
 * `u`. -1 when every weight is 0.
 */
export function pickWeighted(u: number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w > 0 ? w : 0;
  if (total <= 0) return -1;
  let cumulative = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i += 1) {
    const w = weights[i] as number;
    if (!(w > 0)) continue;
    last = i;
    cumulative += w / total;
    if (u < cumulative) return i;
  }
  return last;
}
