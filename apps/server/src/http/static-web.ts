import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { id as idSchema } from '@tauceti/contracts';
import { Hono } from 'hono';

/**
 * The API calls the app makes as soon as it starts, named in `index.html` so the browser fetches
 * them while it is still downloading the JavaScript. The URLs must be exactly those `lib/api`
 * requests (and fetched the same way: same-origin credentials, hence `crossorigin`).
 */
function preloadLinks(path: string): string {
  const urls = ['/api/models', '/api/conversations?limit=50'];
  const conversationId = /^\/c\/([^/]+)$/.exec(path)?.[1];
  if (conversationId && idSchema.safeParse(conversationId).success) urls.unshift(`/api/conversations/${conversationId}`);
  return urls.map((url) => `<link rel="preload" href="${url}" as="fetch" crossorigin="anonymous">`).join('');
}

/**
 * Serves the built web app (`apps/web/dist`). Hashed assets are cached for a year; every other path
 * that is not an API route gets `index.html`, so `/c/<id>` survives a reload.
 */
export function staticWeb(distDir: string) {
  const app = new Hono();
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('*', (c) =>
      c.text('The web app is not built. Run `npm start` (or `pnpm turbo run build`) from the repository root.', 503),
    );
    return app;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  // Files at the root of the build (favicon…). A path ending in "/" names a directory, which
  // serveStatic would stream as if it were a file: those fall through to index.html.
  const rootFiles = serveStatic({ root: distDir, index: '' });
  app.use('*', (c, next) => (c.req.path.endsWith('/') ? next() : rootFiles(c, next)));
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml.replace('</head>', `${preloadLinks(c.req.path)}</head>`));
  });
  return app;
}
