// Settings (#/settings): projects, the chosen project's write keys with the tracking snippet and SDK instructions,
// users and API tokens. Everyone reads projects, keys and the snippet; only admins change them or see users and
// tokens, and the others are told so.

import type { User } from '../../api/types.js';
import { ProjectsPanel } from './ProjectsPanel.js';
import { TokensPanel } from './TokensPanel.js';
import { TrackingPanel } from './TrackingPanel.js';
import { UsersPanel } from './UsersPanel.js';
import { canManage, roleLabel } from './settings-model.js';
import './settings.css';

export interface SettingsViewProps {
  project: string;
  user: User;
  /** A project was created: choose it in the top bar. */
  onProjectCreated: (id: string) => void;
}

export function SettingsView({ project, user, onProjectCreated }: SettingsViewProps) {
  const admin = canManage(user.role);
  return (
    <div className="view">
      <header className="view-header">
        <h1>Settings</h1>
        <p className="view-summary">Projects, write keys, the tracking snippet, users and API tokens.</p>
      </header>
      {!admin && (
        <p className="settings-note" role="note">
          <strong>
            You are {user.role === 'analyst' ? 'an' : 'a'} {roleLabel(user.role).toLowerCase()}.
          </strong>{' '}
          You can read projects, write keys and the tracking snippet; an admin manages projects, keys, users and API
          tokens.
        </p>
      )}
      <ProjectsPanel project={project} admin={admin} onCreated={onProjectCreated} />
      <TrackingPanel key={project} project={project} admin={admin} />
      {admin && <UsersPanel me={user} />}
      {admin && <TokensPanel />}
    </div>
  );
}
