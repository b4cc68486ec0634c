import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The markdown pipeline is a lazy chunk requested at boot; a modulepreload link lets the browser fetch
 * it in parallel with the entry instead of after it.
 */
function preloadMarkdownChunk(): Plugin {
  return {
    name: 'tauceti:preload-markdown',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((item) => item.type === 'chunk' && item.name === 'pipeline');
        return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' }] : [];
      },
    },
  };
}

// The server serves `dist/` from the same origin; in development Vite proxies the API to it.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [svelte(), svelteTesting(), preloadMarkdownChunk()],
  base: '/',
  resolve: {
    alias: [{ find: /^zod\/v3$/, replacement: fileURLToPath(new URL('./src/lib/shims/zod-v3.ts', import.meta.url)) }],
  },
  build: {
    target: 'es2022',
    // No inline scripts: the CSP is `script-src 'self'`, and Vite emits external module scripts.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/v1': { target: server, changeOrigin: false },
      '/healthz': { target: server, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./vitest-setup.ts'],
    include: ['src/**/*.test.ts'],
  },
});
