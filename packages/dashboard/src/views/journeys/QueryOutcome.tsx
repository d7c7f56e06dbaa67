// What a builder's result area shows before the numbers: the note that the choices changed, loading, or the error.

import type { ReactNode } from 'react';
import { Failure, Loading } from '../../components/States.js';
import type { AsyncState } from '../../lib/use-async.js';

export interface QueryOutcomeProps<R> {
  result: AsyncState<R> & { reload: () => void };
  stale: boolean;
  /** The name of the builder's button, for the note: “Calculate retention”. */
  action: string;
  loading: string;
  children: (data: R) => ReactNode;
}

export function QueryOutcome<R>({ result, stale, action, loading, children }: QueryOutcomeProps<R>) {
  return (
    <>
      {stale && result.status !== 'loading' && (
        <p className="stale-note">The choices have changed: press “{action}” to update the numbers.</p>
      )}
      {result.status === 'loading' && (
        <section className="panel">
          <Loading label={loading} rows={5} />
        </section>
      )}
      {result.status === 'error' && <Failure error={result.error} onRetry={result.reload} />}
      {result.status === 'done' && children(result.data)}
    </>
  );
}
