// Builds the single-page app into dist/: index.html plus hashed files under dist/assets, which the Waymark server
// serves at / and /assets/ (packages/waymark/src/api/routes/dashboard.ts).

import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // esbuild compiles TSX with React's automatic runtime; no plugin is needed for a production build.
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite packages/dashboard` during development, against `waymark serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:8787', '/auth': 'http://127.0.0.1:8787' },
  },
});
