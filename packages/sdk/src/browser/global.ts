// The browser SDK as a classic script (dist/waymark.min.js): installs `window.waymark` and replays the calls the
// loader snippet queued before the script arrived (each one [method, args, resolve?, reject?]).

import { createWaymark, type WaymarkBrowser } from './client.js';

type Queued = [keyof WaymarkBrowser, unknown[], ((value: unknown) => void)?, ((error: unknown) => void)?];

const w = window as unknown as { waymark?: WaymarkBrowser | Queued[] };
const queued = Array.isArray(w.waymark) ? w.waymark : [];
const waymark = createWaymark();
w.waymark = waymark;
for (const [method, args, resolve, reject] of queued) {
  try {
    const result = (waymark[method] as (...a: unknown[]) => unknown).apply(waymark, args);
    if (resolve) Promise.resolve(result).then(resolve, reject);
  } catch (error) {
    if (reject) reject(error);
    else console.warn('waymark:', error);
  }
}
