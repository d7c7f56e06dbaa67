// Part of `npm run build`: fails the build when the dashboard's first load passes its compressed-script budget.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad } from './bundle-size.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { files, gzipBytes } = measureFirstLoad(dist);
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const f of files) console.log(`  ${f.path}  ${kB(f.bytes)}  (gzip ${kB(f.gzipBytes)})`);
if (gzipBytes > FIRST_LOAD_BUDGET_BYTES) {
  console.error(
    `dashboard first load is ${kB(gzipBytes)} of gzip-compressed script, over the ${kB(FIRST_LOAD_BUDGET_BYTES)} budget`,
  );
  process.exit(1);
}
console.log(`dashboard first load: ${kB(gzipBytes)} of script, gzip (budget ${kB(FIRST_LOAD_BUDGET_BYTES)})`);
