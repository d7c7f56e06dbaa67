// The browser SDK as an ES module: `import { waymark } from '@waymark/sdk/browser'`.

import { createWaymark } from './client.js';

export { createWaymark, type LoadOptions, type WaymarkBrowser } from './client.js';
export { campaignOf } from './context.js';
export { DECISION_EVENT, SLOT_ATTRIBUTE, VARIANT_ATTRIBUTE } from './personalize.js';
export type { Decision } from '../core.js';

export const waymark = createWaymark();
