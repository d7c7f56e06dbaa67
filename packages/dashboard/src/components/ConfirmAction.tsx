// A destructive action behind a confirmation that says what will happen; a refusal from the server (an insight still
// on a dashboard, the last admin) is shown in its own words and the action can be cancelled.

import { useId, useState, type ReactNode } from 'react';
import './actions.css';

export interface ConfirmActionProps {
  /** The first button: `Delete…`. */
  label: string;
  /** The accessible name of the first button when the label alone is ambiguous in a list: `Delete Ann`. */
  labelFor?: string;
  /** The question: `Delete “Weekly”?`. */
  title: string;
  /** What will happen. */
  hint?: ReactNode;
  /** The confirming button: `Delete dashboard`. */
  confirm: string;
  onConfirm: () => Promise<void>;
  small?: boolean;
}

export function ConfirmAction({ label, labelFor, title, hint, confirm, onConfirm, small }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const hintId = useId();
  const size = small ? ' act-small' : '';

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className={`button act-danger${size}`} onClick={() => setOpen(true)} aria-label={labelFor}>
        {label}
      </button>
    );
  return (
    <div
      className="act-confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={hint ? hintId : undefined}
    >
      <p id={titleId} className="act-confirm-title">
        {title}
      </p>
      {hint && (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="act-confirm-buttons">
        <button
          type="button"
          className={`button act-danger-solid${size}`}
          onClick={() => void run()}
          disabled={busy}
          autoFocus
        >
          {busy ? 'Working…' : confirm}
        </button>
        <button
          type="button"
          className={`button${size}`}
          onClick={() => {
            setOpen(false);
            setError(null);
          }}
          disabled={busy}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
