// Copies a text (a link, a token, a snippet) to the clipboard and says so; where the browser refuses (no clipboard
// outside HTTPS), shows the text selected for copying by hand.

import { useEffect, useState } from 'react';
import './actions.css';

export interface CopyButtonProps {
  text: string;
  /** The button's words: `Copy link`, `Copy token`. */
  label?: string;
  /** What is copied, for screen readers: `the dashboard's link`. */
  what?: string;
  className?: string;
}

export function CopyButton({ text, label = 'Copy', what, className = 'button' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  useEffect(() => setState('idle'), [text]);
  useEffect(() => {
    if (state !== 'copied') return undefined;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <span className="act-copy">
      <button
        type="button"
        className={className}
        onClick={() => void copy()}
        aria-label={what ? `${label}: ${what}` : undefined}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <rect x="5" y="5" width="8" height="9" rx="1.5" stroke="currentColor" strokeWidth="1.4" fill="none" />
          <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H10" stroke="currentColor" strokeWidth="1.4" fill="none" />
        </svg>
        {label}
      </button>
      <span className="act-copy-status" role="status" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {state === 'manual' && (
        <label className="act-copy-manual-label">
          <span className="visually-hidden">Copy this by hand</span>
          <input
            className="act-copy-manual"
            readOnly
            value={text}
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      )}
    </span>
  );
}
