import type { ConversationEvent } from '@tauceti/contracts';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Deps } from '../deps.ts';

const PING_MS = 15_000;

/** `GET /api/events`: conversation changes pushed to every open tab (SSE, event `conversation`). */
export function eventRoutes({ events }: Pick<Deps, 'events'>) {
  return new Hono().get('/api/events', (c) => {
    c.header('Cache-Control', 'no-cache, no-transform');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: ConversationEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = events.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.write(': connected\n\n');
      while (!stream.aborted && !stream.closed) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: 'conversation', data: JSON.stringify(event) });
          continue;
        }
        // Sleep until the next event or the keep-alive ping, whichever comes first.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, PING_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.write(': ping\n\n');
      }
      unsubscribe();
    });
  });
}
