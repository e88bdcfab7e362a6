/**
 * Vite configuration of the web app. Build with `npm run build:web` (from the repository root);
 * the server serves the result from `dist/web`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  // Vite 8 transforms TSX with Oxc itself; the automatic runtime means no `import React` per file.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; this app is
      // client-only, so the directive means nothing here and the warning is noise.
      checks: { moduleLevelDirective: false },
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    // Same origin in development too, so the SameSite=Strict session cookie just works.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
