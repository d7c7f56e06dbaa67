// The chosen project's write keys (live and revoked; admins rotate them) and how to send events with the newest live
// key: the browser snippet, the Node SDK and curl, filled in with this server's address.

import { useState } from 'react';
import snippetTemplate from '../../../../sdk/snippet.html?raw';
import { listWriteKeys, rotateWriteKey } from '../../api/admin.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Failure, Loading } from '../../components/States.js';
import { useAsync } from '../../lib/use-async.js';
import { browserSnippet, curlSnippet, formatDate, keysInOrder, liveKey, nodeSnippet } from './settings-model.js';

type Way = 'browser' | 'node' | 'curl';
const WAYS: { way: Way; label: string; hint: string }[] = [
  {
    way: 'browser',
    label: 'Browser',
    hint: 'Paste before </head> on every page: it loads the SDK from this server and records a page view.',
  },
  {
    way: 'node',
    label: 'Node SDK',
    hint: 'On your server (Node 20 or later), with the @waymark/sdk package built by npm install.',
  },
  { way: 'curl', label: 'curl', hint: 'One event from a terminal, to check that the key and host work.' },
];

export function TrackingPanel({ project, admin }: { project: string; admin: boolean }) {
  const keys = useAsync((signal) => listWriteKeys(project, signal), [project]);
  return (
    <section className="panel" aria-labelledby="settings-tracking">
      <header className="panel-header">
        <div>
          <h2 id="settings-tracking" className="panel-title">
            Write keys and tracking
          </h2>
          <p className="panel-subtitle">
            A write key only sends events to this project (<code>{project}</code>); it cannot read anything.
          </p>
        </div>
      </header>
      {keys.status === 'loading' && <Loading label="Loading write keys…" />}
      {keys.status === 'error' && <Failure error={keys.error} onRetry={keys.reload} />}
      {keys.status === 'done' && (
        <>
          <div className="table-scroll">
            <table className="data-table settings-keys">
              <caption className="visually-hidden">Write keys of {project}</caption>
              <thead>
                <tr>
                  <th scope="col">Write key</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Revoked</th>
                </tr>
              </thead>
              <tbody>
                {keysInOrder(keys.data).map((k) => (
                  <tr key={k.key}>
                    <td>
                      <code>{k.key}</code>
                    </td>
                    <td>
                      {k.revokedAt === null ? (
                        <span className="settings-status settings-status-live">● Live</span>
                      ) : (
                        <span className="settings-status settings-status-revoked">○ Revoked</span>
                      )}
                    </td>
                    <td>{formatDate(k.createdAt)}</td>
                    <td>{k.revokedAt === null ? '–' : formatDate(k.revokedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {admin && <RotateKey project={project} onRotated={keys.reload} />}
          <Snippets writeKey={liveKey(keys.data)} />
        </>
      )}
    </section>
  );
}

function RotateKey({ project, onRotated }: { project: string; onRotated: () => void }) {
  const [open, setOpen] = useState(false);
  const [keepOld, setKeepOld] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <div className="settings-row">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Rotate write key…
        </button>
      </div>
    );
  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      await rotateWriteKey(project, keepOld);
      setOpen(false);
      onRotated();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="act-confirm settings-row" role="alertdialog" aria-labelledby="rotate-title">
      <p id="rotate-title" className="act-confirm-title">
        Make a new write key for {project}?
      </p>
      <label className="settings-check">
        <input type="checkbox" checked={keepOld} onChange={(e) => setKeepOld(e.target.checked)} />
        Keep the old keys working (revoke them later, once every page sends the new one)
      </label>
      <p className="muted small">
        {keepOld
          ? 'Pages with the old key keep sending events.'
          : 'Pages and servers with the old key stop sending events at once.'}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="act-confirm-buttons">
        <button
          type="button"
          className="button act-danger-solid"
          onClick={() => void rotate()}
          disabled={busy}
          autoFocus
        >
          {busy ? 'Rotating…' : 'Rotate key'}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function Snippets({ writeKey }: { writeKey: string | undefined }) {
  const [way, setWay] = useState<Way>('browser');
  if (writeKey === undefined)
    return <p className="settings-note">This project has no live write key: an admin rotates one to send events.</p>;
  const host = window.location.origin;
  const code =
    way === 'browser'
      ? browserSnippet(snippetTemplate, host, writeKey)
      : way === 'node'
        ? nodeSnippet(host, writeKey)
        : curlSnippet(host, writeKey);
  const chosen = WAYS.find((w) => w.way === way)!;
  return (
    <div className="settings-subsection">
      <div className="settings-snippet-header">
        <h3 className="settings-subtitle">Send events</h3>
        <div className="segmented" role="group" aria-label="Send events from">
          {WAYS.map((w) => (
            <button key={w.way} type="button" aria-pressed={way === w.way} onClick={() => setWay(w.way)}>
              {w.label}
            </button>
          ))}
        </div>
        <CopyButton text={code} label="Copy" what={`the ${chosen.label} instructions`} />
      </div>
      <p className="muted small">{chosen.hint}</p>
      <pre className="settings-code" tabIndex={0} aria-label={`${chosen.label} instructions`} data-testid="snippet">
        {code}
      </pre>
      <p className="muted small">
        More in <code>docs/sdk.md</code>: identify, personalize, and the delivery guarantees.
      </p>
    </div>
  );
}
