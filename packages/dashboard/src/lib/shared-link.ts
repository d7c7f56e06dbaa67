// Links that open a page of the dashboard on a given project, for sharing: `#/saved/dashboards/weekly?project=shop`.
// The app reads the project back from the hash, so a colleague who may read the project lands on the same page.

/** The hash of a page with the project it shows: `#/saved/dashboards/weekly` → `…?project=shop`. */
export function hashWithProject(hash: string, project: string): string {
  const [path = ''] = hash.split('?');
  return `${path}?project=${encodeURIComponent(project)}`;
}

/** The project a hash names (`?project=` after the path), if any. */
export function projectOfHash(hash: string): string | undefined {
  const query = hash.split('?')[1];
  if (query === undefined) return undefined;
  const project = new URLSearchParams(query).get('project');
  return project === null || project === '' ? undefined : project;
}

/** The full address to share: the dashboard's origin and path, then the page's hash with the project. */
export function shareLink(location: { origin: string; pathname: string }, hash: string, project: string): string {
  return `${location.origin}${location.pathname}${hashWithProject(hash, project)}`;
}
