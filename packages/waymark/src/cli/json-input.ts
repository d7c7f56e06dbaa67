// JSON given to a CLI command: a file, `-` for standard input, or the JSON itself on the command line.

import { readFileSync } from 'node:fs';
import { WaymarkError } from '../core/errors.js';

/** Reads and parses `source`; `{}` when absent. `what` names it in errors ("the spec ..."). */
export function readJsonInput(source: string | undefined, what: string): unknown {
  if (source === undefined) return {};
  const text = source.trimStart().startsWith('{') ? source : readFileSync(source === '-' ? 0 : source, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new WaymarkError(
      'invalid_json',
      `the ${what} ${source === '-' ? 'on standard input' : `"${source}"`} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
}
