// The report as PDF, printed by Debian's Chromium through playwright-core (never a downloaded browser). Without
// Chromium the error says how to get it.

import { existsSync } from 'node:fs';
import { WaymarkError } from '../core/errors.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser to print with: `WAYMARK_CHROMIUM`, else the first of Debian's usual paths that exists. */
export function chromiumPath(): string | null {
  const configured = process.env['WAYMARK_CHROMIUM'];
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Prints self-contained HTML (images as data: URIs) to an A4 PDF. */
export async function renderPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new WaymarkError(
      'unavailable',
      'PDF reports need Chromium: install it (Debian: apt-get install chromium) or point WAYMARK_CHROMIUM at it; ' +
        'html, md and json work without it',
      { field: 'format' },
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
