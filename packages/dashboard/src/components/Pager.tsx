// Previous / next through a paged list, saying which rows are shown: "26–50 of 146 members".

import { formatCount } from '../lib/format.js';

export interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  /** What the rows are: `members`, `customers`. */
  label: string;
}

export function Pager({ offset, limit, total, onOffset, label }: PagerProps) {
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={`Pages of ${label}`}>
      <span className="muted" aria-live="polite">
        {total === 0
          ? `No ${label}`
          : `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(total)} ${label}`}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => onOffset(Math.max(0, offset - limit))}
        disabled={offset === 0}
      >
        ← Previous
      </button>
      <button type="button" className="button" onClick={() => onOffset(offset + limit)} disabled={last >= total}>
        Next →
      </button>
    </nav>
  );
}
