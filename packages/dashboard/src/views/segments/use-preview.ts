// The live size of a condition while it is edited: asked of the server once the edits pause, the older question
// cancelled when a newer one starts.

import { useEffect, useState } from 'react';
import { previewSegment, type SegmentCondition, type SegmentPreview } from '../../api/segments.js';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'waiting'; last?: SegmentPreview }
  | { status: 'done'; preview: SegmentPreview }
  | { status: 'error'; error: Error; last?: SegmentPreview };

/** Debounced by `delayMs` (default 400 ms); `condition: null` (not complete yet) keeps the last answer on screen. */
export function useSegmentPreview(project: string, condition: SegmentCondition | null, delayMs = 400): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const key = condition === null ? null : JSON.stringify(condition);
  useEffect(() => {
    if (key === null) return undefined;
    const controller = new AbortController();
    setState((s) => ({ status: 'waiting', ...lastOf(s) }));
    const timer = setTimeout(() => {
      previewSegment(project, JSON.parse(key) as SegmentCondition, controller.signal).then(
        (preview) => !controller.signal.aborted && setState({ status: 'done', preview }),
        (error: unknown) =>
          !controller.signal.aborted &&
          setState((s) => ({
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
            ...lastOf(s),
          })),
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [project, key, delayMs]);
  return state;
}

function lastOf(s: PreviewState): { last?: SegmentPreview } {
  if (s.status === 'done') return { last: s.preview };
  if ((s.status === 'waiting' || s.status === 'error') && s.last) return { last: s.last };
  return {};
}
