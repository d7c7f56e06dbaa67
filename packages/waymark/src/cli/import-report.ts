// Prints an import's summary and shows its progress, shared by `import` and `demo`.

import type { ImportProgress, ImportSummary } from '../transfer/import.js';
import { formatCount } from './output.js';
import { progressBar, type Bar } from './progress.js';

export function importProgress(label: string): { onProgress: (p: ImportProgress) => void; stop: () => void } {
  let bar: Bar | undefined;
  let profilesBar: Bar | undefined;
  return {
    onProgress(p) {
      if (p.phase === 'reading') {
        bar ??= progressBar(label, p.totalBytes, 'events');
        bar.update(p.bytesRead, { detail: `${formatCount(p.accepted)} stored, ${formatCount(p.rejected)} rejected` });
      } else {
        if (bar) {
          bar.update(p.totalBytes, {
            detail: `${formatCount(p.accepted)} stored, ${formatCount(p.rejected)} rejected`,
          });
          bar.stop();
          bar = undefined;
        }
        profilesBar ??= progressBar('profiles', Math.max(p.accepted, 1), 'events');
        profilesBar.update(p.profileEvents, { detail: `${formatCount(p.profileEvents)} events folded` });
      }
    },
    stop() {
      bar?.stop();
      profilesBar?.stop();
    },
  };
}

export function printImportSummary(summary: ImportSummary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const lines = [
    `Imported ${summary.file}${summary.resumed ? ' (resumed)' : ''} in ${summary.seconds.toFixed(1)} s`,
    `  read        ${formatCount(summary.read)}`,
    `  stored      ${formatCount(summary.accepted)}`,
    `  duplicates  ${formatCount(summary.duplicates)} (messageId already stored)`,
    `  rejected    ${formatCount(summary.rejected)}`,
  ];
  if (summary.profiles > 0) lines.push(`  profiles    ${formatCount(summary.profiles)} rebuilt`);
  if (summary.seconds >= 1 && summary.read > 0)
    lines.push(`  rate        ${formatCount(Math.round(summary.read / summary.seconds))} rows/s`);
  const reasons = Object.entries(summary.reasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) {
    lines.push('Rejected, by reason:');
    for (const [reason, n] of reasons.slice(0, 10)) lines.push(`  ${formatCount(n).padStart(8)}  ${reason}`);
    lines.push('First rejected lines:');
    for (const r of summary.rejections.slice(0, 5))
      lines.push(`  line ${r.line}: ${r.field ? `${r.field}: ` : ''}${r.message}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
