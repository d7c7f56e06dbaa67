// Which project an /api request is about: `?project=ID`, or the only project when there is just one.

import { WaymarkError } from '../core/errors.js';
import type { StateStore } from '../state/state-store.js';

export type ProjectResolver = (query: Record<string, string | undefined>) => Promise<string>;

export function projectResolver(state: StateStore): ProjectResolver {
  return async (query) => {
    const id = query['project'];
    if (id !== undefined && id !== '') {
      if (!(await state.projects.get(id)))
        throw new WaymarkError('not_found', `no project "${id}"`, { field: 'project' });
      return id;
    }
    const projects = await state.projects.list();
    if (projects.length === 1) return (projects[0] as { id: string }).id;
    throw new WaymarkError(
      'invalid_request',
      projects.length === 0 ? 'there is no project yet; create one first' : 'several projects exist: pass ?project=ID',
      { field: 'project' },
    );
  };
}
