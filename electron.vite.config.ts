import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { RENDERER_META_CSP } from './electron/security/csp';

/**
 * The built page carries the CSP as a meta tag too (the app:// protocol and the web host also send
 * it as a header). Build only: Vite's dev server needs inline scripts, and the shell sends a dev
 * CSP for that.
 */
function metaCsp(): Plugin {
  return {
    name: 'signet-meta-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_META_CSP}" />`,
      ),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve('electron/main.ts'),
          // A worker thread's entry, beside main.js (see electron/publishing/media/scaleImage.ts).
          scaleImageWorker: resolve('electron/publishing/media/scaleImageWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve('electron/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), metaCsp()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified unless told; React 19 ships its production
      // build unminified too, so this halves what the window downloads and parses at start-up
      // (bench/RESULTS.md, start-up).
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
