// The part of a hash route after the view: `#/segments/repeat-buyers` is the Segments view at `['repeat-buyers']`.
// Views with pages of their own (a segment, a customer) follow it; App.tsx only picks the view.

import { useEffect, useMemo, useState } from 'react';

/** The decoded path parts after the view id: `#/customers/a%2Fb` → `['a/b']`; none for `#/customers`. */
export function hashPath(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path
    .split('/')
    .slice(1)
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}

/** The hash of a view's page: `hashTo('segments', 'repeat-buyers')` → `#/segments/repeat-buyers`. */
export function hashTo(view: string, ...parts: string[]): string {
  return `#/${[view, ...parts.map(encodeURIComponent)].join('/')}`;
}

/** The path parts of the current hash, updated as it changes. */
export function useHashPath(): string[] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return useMemo(() => hashPath(hash), [hash]);
}
