// The project a command acts on when none is named: the only one, else a clear request to pick.

import { WaymarkError } from '../core/errors.js';
import type { StateStore } from '../state/state-store.js';

export async function defaultProject(state: StateStore): Promise<string> {
  const projects = await state.projects.list();
  if (projects.length === 1) return (projects[0] as { id: string }).id;
  if (projects.length === 0)
    throw new WaymarkError(
      'not_found',
      'there is no project yet: run `waymark projects create NAME` or `waymark demo`',
    );
  throw new WaymarkError(
    'invalid_request',
    `several projects exist (${projects.map((p) => p.id).join(', ')}): pass --project ID`,
  );
}
