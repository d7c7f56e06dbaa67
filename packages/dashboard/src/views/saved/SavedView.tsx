// Saved: the project's saved insights and dashboards (#/saved), one dashboard (#/saved/dashboards/<id>) and one
// insight (#/saved/insights/<id>). Viewers open them; analysts and admins also save, pin, arrange and delete.

import type { Role } from '../../api/types.js';
import { useHashPath } from '../../lib/hash-route.js';
import { DashboardPage } from './DashboardPage.js';
import { InsightPage } from './InsightPage.js';
import { SavedList } from './SavedList.js';
import './saved.css';

export function SavedView({ project, role }: { project: string; role: Role }) {
  const [kind, id] = useHashPath();
  const canEdit = role !== 'viewer';
  if (kind === 'dashboards' && id !== undefined)
    return <DashboardPage key={`${project}/${id}`} project={project} id={id} canEdit={canEdit} />;
  if (kind === 'insights' && id !== undefined)
    return <InsightPage key={`${project}/${id}`} project={project} id={id} canEdit={canEdit} />;
  return <SavedList project={project} canEdit={canEdit} />;
}
