// The frame around every view: the top bar (project picker, user menu) and the left navigation.

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Project, User } from '../api/types.js';
import { ReportsNavBadge } from '../views/reports/ReportsNavBadge.js';
import { Logo, ViewIcon } from './icons.js';
import { VIEWS, hashOf, type ViewId } from './views.js';

export interface ShellProps {
  user: User;
  projects: Project[];
  projectId: string | undefined;
  onProject: (id: string) => void;
  onLogout: () => void;
  current: ViewId;
  children: ReactNode;
}

export function Shell({ user, projects, projectId, onProject, onLogout, current, children }: ShellProps) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={hashOf('overview')}>
          <Logo />
          <span>Waymark</span>
        </a>
        <label className="project-picker">
          <span>Project</span>
          <select value={projectId ?? ''} onChange={(e) => onProject(e.target.value)} disabled={projects.length === 0}>
            {projects.length === 0 && <option value="">No project yet</option>}
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <UserMenu user={user} onLogout={onLogout} />
      </header>
      <nav className="sidenav" aria-label="Views">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <a href={hashOf(v.id)} aria-current={v.id === current ? 'page' : undefined} title={v.summary}>
                <ViewIcon id={v.id} />
                <span>{v.label}</span>
                {v.coming && <span className="soon">soon</span>}
                {v.id === 'reports' && projectId !== undefined && <ReportsNavBadge project={projectId} />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function UserMenu({ user, onLogout }: { user: User; onLogout: () => void }) {
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const initials = (user.name || user.email)
    .split(/[\s@.]+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  return (
    <div className="user-menu" ref={menu}>
      <button type="button" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-name">{user.name || user.email}</span>
      </button>
      {open && (
        <div className="user-popover">
          <p className="user-email">{user.email}</p>
          <p className="user-role">Role: {user.role}</p>
          <button type="button" className="button button-wide" onClick={onLogout} autoFocus>
            Log out
          </button>
        </div>
      )}
    </div>
  );
}
