/** Writes dist/node.js, dist/browser.js and dist/waymark.min.js into `outdir` (default packages/sdk/dist). */
export function buildSdk(outdir?: string): Promise<string>;
