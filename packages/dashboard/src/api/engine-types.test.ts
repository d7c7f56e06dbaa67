// The dashboard types the server's answers with the engine's own types, imported from `waymark/types`. That entry
// must stay types only and free of Node: a type-check of the browser app that pulled in @types/node would accept
// `process` or `Buffer` in browser code. Asked of the TypeScript compiler, on the built engine's declarations.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRY = join(import.meta.dirname, '..', '..', '..', 'waymark', 'dist', 'types.d.ts');
// As the dashboard's tsconfig.json resolves modules.
const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  noEmit: true,
};

describe.skipIf(!existsSync(ENTRY))('waymark/types (skipped until the engine is built)', () => {
  it('is what the dashboard’s imports resolve to, and brings no Node types along', () => {
    const resolved = ts.resolveModuleName('waymark/types', join(import.meta.dirname, 'types.ts'), OPTIONS, ts.sys);
    expect(resolved.resolvedModule?.resolvedFileName).toBe(ENTRY);

    const files = ts
      .createProgram([ENTRY], OPTIONS)
      .getSourceFiles()
      .map((f) => f.fileName);
    expect(files).toContain(join(ENTRY, '..', 'analytics', 'funnels', 'funnel.d.ts'));
    expect(files.filter((f) => f.includes('/@types/node/'))).toEqual([]);
  });
});
