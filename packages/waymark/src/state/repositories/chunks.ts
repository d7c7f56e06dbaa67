// Bulk statements are split so that no statement binds more parameters than SQLite or PostgreSQL allow.

const MAX_PARAMS = 8_000;

export function chunksFor<T>(items: readonly T[], paramsPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
