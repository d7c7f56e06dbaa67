// A builder and its query: the choices being edited, the spec last run, its result, and whether the choices have
// changed since (the numbers shown are then those of the last run, and the view says so).

import { useCallback, useState } from 'react';
import { useAsync, type AsyncState } from '../../lib/use-async.js';

export interface BuiltQuery<C, S, R> {
  choices: C;
  setChoices: (choices: C) => void;
  spec: S;
  /** Runs the current choices. */
  run: () => void;
  result: AsyncState<R> & { reload: () => void };
  /** The choices changed since the result's spec was made. */
  stale: boolean;
}

export function useBuiltQuery<C, S, R>(
  initial: () => C,
  specOf: (choices: C) => S,
  query: (spec: S, signal: AbortSignal) => Promise<R>,
): BuiltQuery<C, S, R> {
  const [state, setState] = useState(() => {
    const choices = initial();
    return { choices, spec: specOf(choices), stale: false };
  });
  const result = useAsync((signal) => query(state.spec, signal), [state.spec]);
  const setChoices = useCallback((choices: C) => setState((s) => ({ ...s, choices, stale: true })), []);
  const run = useCallback(() => setState((s) => ({ ...s, spec: specOf(s.choices), stale: false })), [specOf]);
  return { choices: state.choices, setChoices, spec: state.spec, run, result, stale: state.stale };
}
