// Sign in with a local account (POST /auth/login); the server sets an HttpOnly session cookie.

import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import type { Session } from '../api/types.js';
import { login } from '../api/waymark.js';
import { Logo } from '../app/icons.js';

export function LoginPage({ onSignedIn, notice }: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await login(email.trim(), password));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That email and password do not match an account.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand">
          <Logo />
          <span>Waymark</span>
        </div>
        <h1>Sign in</h1>
        <p className="login-lead">Customer journey analytics for your own data.</p>
        {notice && !error && (
          <p className="login-notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>Email</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button-primary button-wide" disabled={busy || !email || !password}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="login-foot">
          The first admin account is printed when <code>waymark serve</code> first starts.
        </p>
      </div>
    </main>
  );
}
