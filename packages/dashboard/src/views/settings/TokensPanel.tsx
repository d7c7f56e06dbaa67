// API tokens, for admins: list, create with a role (the token is shown once, with a copy button), delete.

import { useState, type FormEvent } from 'react';
import { createToken, deleteToken, listTokens } from '../../api/admin.js';
import type { Role } from '../../api/types.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { useAsync } from '../../lib/use-async.js';
import { ROLES, formatDate, roleLabel } from './settings-model.js';

export function TokensPanel() {
  const tokens = useAsync((signal) => listTokens(signal), []);
  return (
    <section className="panel" aria-labelledby="settings-tokens">
      <header className="panel-header">
        <div>
          <h2 id="settings-tokens" className="panel-title">
            API tokens
          </h2>
          <p className="panel-subtitle">
            For scripts and other tools: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api</code>. A
            token acts with its role.
          </p>
        </div>
      </header>
      {tokens.status === 'loading' && <Loading label="Loading API tokens…" />}
      {tokens.status === 'error' && <Failure error={tokens.error} onRetry={tokens.reload} />}
      {tokens.status === 'done' &&
        (tokens.data.length === 0 ? (
          <Empty title="No API tokens yet" />
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <strong>{t.name}</strong>
                    </td>
                    <td>{roleLabel(t.role)}</td>
                    <td>{formatDate(t.createdAt)}</td>
                    <td className="settings-actions">
                      <ConfirmAction
                        small
                        label="Delete…"
                        labelFor={`Delete API token ${t.name}`}
                        title={`Delete the token “${t.name}”?`}
                        hint="Scripts using it are refused at once."
                        confirm="Delete token"
                        onConfirm={async () => {
                          await deleteToken(t.id);
                          tokens.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <NewToken onCreated={tokens.reload} />
    </section>
  );
}

function NewToken({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await createToken({ name: name.trim(), role });
      setCreated({ name: name.trim(), token: answer.token });
      setName('');
      onCreated();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-subsection">
      <h3 className="settings-subtitle">New API token</h3>
      <form className="settings-form" onSubmit={(e) => void submit(e)} aria-label="New API token">
        <label className="field">
          <span>Token name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            placeholder="Nightly export"
          />
        </label>
        <label className="field">
          <span>Token role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={busy || name.trim() === ''}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="settings-secret" role="status">
          <p>
            <strong>The token “{created.name}”. It is shown only this once: copy it now.</strong>
          </p>
          <div className="settings-secret-row">
            <code data-testid="new-token">{created.token}</code>
            <CopyButton text={created.token} label="Copy token" />
            <button type="button" className="button button-quiet" onClick={() => setCreated(null)}>
              I have kept it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
