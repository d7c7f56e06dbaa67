// Users, for admins: list, create with a role and an initial password, change a role, reset a password, delete.
// The server refuses to remove or demote the last admin; its message is shown where the change was tried.

import { useState, type FormEvent } from 'react';
import { createUser, deleteUser, listUsers, updateUser, type ManagedUser } from '../../api/admin.js';
import type { Role, User } from '../../api/types.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { Failure, Loading } from '../../components/States.js';
import { useAsync } from '../../lib/use-async.js';
import { ROLES, formatDate, generatePassword, newUserProblem, passwordProblem } from './settings-model.js';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function UsersPanel({ me }: { me: User }) {
  const users = useAsync((signal) => listUsers(signal), []);
  return (
    <section className="panel" aria-labelledby="settings-users">
      <header className="panel-header">
        <div>
          <h2 id="settings-users" className="panel-title">
            Users
          </h2>
          <p className="panel-subtitle">
            {ROLES.map((r) => (
              <span key={r.role} className="settings-role-help">
                <strong>{r.label}</strong> {r.may}.
              </span>
            ))}
          </p>
        </div>
      </header>
      {users.status === 'loading' && <Loading label="Loading users…" />}
      {users.status === 'error' && <Failure error={users.error} onRetry={users.reload} />}
      {users.status === 'done' && (
        <div className="table-scroll">
          <table className="data-table settings-users">
            <caption className="visually-hidden">Users</caption>
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
              {users.data.map((u) => (
                <UserRow key={u.id} user={u} isMe={u.id === me.id} onChanged={users.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewUser onCreated={users.reload} />
    </section>
  );
}

function UserRow({ user, isMe, onChanged }: { user: ManagedUser; isMe: boolean; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);
  const who = user.name || user.email;

  const changeRole = async (role: Role) => {
    setBusy(true);
    setError(null);
    try {
      await updateUser(user.id, { role });
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <td>
        <strong>{who}</strong>
        {isMe && <span className="settings-pill">you</span>}
        <span className="cell-note">{user.email}</span>
      </td>
      <td>
        <label>
          <span className="visually-hidden">Role of {who}</span>
          <select value={user.role} disabled={busy} onChange={(e) => void changeRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="form-error settings-cell-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>{formatDate(user.createdAt)}</td>
      <td className="settings-actions">
        {resetting ? (
          <ResetPassword user={user} onDone={() => setResetting(false)} />
        ) : (
          <button
            type="button"
            className="button button-quiet act-small"
            onClick={() => setResetting(true)}
            aria-label={`Reset the password of ${who}`}
          >
            Reset password…
          </button>
        )}
        <ConfirmAction
          small
          label="Delete…"
          labelFor={`Delete user ${who}`}
          title={`Delete ${who}?`}
          hint={isMe ? 'This is you: you are signed out at once.' : 'They can no longer sign in.'}
          confirm="Delete user"
          onConfirm={async () => {
            await deleteUser(user.id);
            onChanged();
          }}
        />
      </td>
    </tr>
  );
}

function ResetPassword({ user, onDone }: { user: ManagedUser; onDone: () => void }) {
  const [password, setPassword] = useState(() => generatePassword());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await updateUser(user.id, { password });
      setDone(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <p className="settings-success" role="status">
        New password set; tell {user.name || user.email}: <code>{password}</code>. Their sessions ended.{' '}
        <button type="button" className="button button-quiet act-small" onClick={onDone}>
          Close
        </button>
      </p>
    );
  return (
    <form className="settings-inline-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>New password for {user.name || user.email}</span>
        <input value={password} onChange={(e) => setPassword(e.target.value)} autoFocus minLength={10} />
      </label>
      <button type="submit" className="button button-primary act-small" disabled={busy}>
        Set password
      </button>
      <button type="button" className="button act-small" onClick={onDone} disabled={busy}>
        Cancel
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState(() => generatePassword());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newUserProblem({ email, password });
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const user = await createUser({
        email: email.trim(),
        role,
        password,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      setCreated({ email: user.email, password });
      setEmail('');
      setName('');
      setPassword(generatePassword());
      onCreated();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-subsection">
      <h3 className="settings-subtitle">Add a user</h3>
      <form className="settings-form" onSubmit={(e) => void submit(e)} aria-label="Add a user">
        <label className="field">
          <span>Email</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label className="field">
          <span>Name (optional)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Initial password</span>
          <input value={password} onChange={(e) => setPassword(e.target.value)} minLength={10} required />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <p className="settings-success" role="status">
          Added <strong>{created.email}</strong>. Give them their initial password: <code>{created.password}</code>
        </p>
      )}
    </div>
  );
}
