import { Hono } from 'hono';
import type { Deps } from '../deps.ts';

/** `GET /healthz`: liveness for Docker and monitors; fails only if the database stopped answering. */
export function healthRoutes({ store }: Pick<Deps, 'store'>) {
  return new Hono().get('/healthz', (c) => {
    store.db.prepare('SELECT 1').get();
    return c.json({ ok: true as const });
  });
}
