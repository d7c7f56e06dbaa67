// Folds persons' paths into per-stage counts. A path is the set of stages a person moved into, as a bit mask (bit k
// for stage k, 0-based): its highest bit is the current stage, its lowest the first, consecutive bits are moves.

export interface Tally {
  persons: number;
  current: number[];
  /** Persons at or past each stage. */
  reached: number[];
  entered: number[];
  started: number[];
  movedOn: number[];
  newEntries: number[];
  /** `moves[from][to]`, 0-based. */
  moves: number[][];
}

/** The path rows of the stages query, or anything shaped like them. */
export interface PathCount {
  path: number;
  /** The stages of `path` entered within the range. */
  new_path: number;
  persons: number;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

export function emptyTally(n: number): Tally {
  return {
    persons: 0,
    current: zeros(n),
    reached: zeros(n),
    entered: zeros(n),
    started: zeros(n),
    movedOn: zeros(n),
    newEntries: zeros(n),
    moves: Array.from({ length: n }, () => zeros(n)),
  };
}

const bump = (values: number[], i: number, by: number): void => {
  values[i] = (values[i] ?? 0) + by;
};

/** Adds `persons` persons who entered the stages of `path`, those of `fresh` within the range. */
export function addPath(t: Tally, n: number, path: number, fresh: number, persons: number): void {
  const entered = [...Array(n).keys()].filter((k) => (path >> k) & 1);
  const current = entered.at(-1);
  const first = entered[0];
  if (current === undefined || first === undefined) return;
  t.persons += persons;
  bump(t.current, current, persons);
  bump(t.started, first, persons);
  for (let k = 0; k <= current; k++) bump(t.reached, k, persons);
  entered.forEach((k, i) => {
    bump(t.entered, k, persons);
    if ((fresh >> k) & 1) bump(t.newEntries, k, persons);
    const next = entered[i + 1];
    if (next === undefined) return;
    bump(t.movedOn, k, persons);
    bump(t.moves[k] as number[], next, persons);
  });
}

export function tallyPaths(rows: readonly PathCount[], n: number): Tally {
  const t = emptyTally(n);
  for (const r of rows) addPath(t, n, r.path, r.new_path, r.persons);
  return t;
}

/** Adds every count of `from` to `into` (to group breakdown values as "Other"). */
export function addTally(into: Tally, from: Tally): void {
  into.persons += from.persons;
  for (const key of ['current', 'reached', 'entered', 'started', 'movedOn', 'newEntries'] as const) {
    from[key].forEach((x, k) => bump(into[key], k, x));
  }
  from.moves.forEach((row, a) => row.forEach((x, b) => bump(into.moves[a] as number[], b, x)));
}
