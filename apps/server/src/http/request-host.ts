import type { Context } from 'hono';

/**
 * The host the client asked for, as sent (`name[:port]`). Over the network that is the `Host`
 * header, which a browser always sends and a page cannot set. A request handed to the app in
 * process (`app.request()` in tests) has no socket and no `Host` header; its URL names the host.
 */
export function requestHost(c: Context): string | undefined {
  const header = c.req.header('host');
  if (header !== undefined) return header;
  // @hono/node-server passes the Node request as `c.env.incoming`; without it there is no network.
  const overNetwork = typeof c.env === 'object' && c.env !== null && 'incoming' in c.env;
  return overNetwork ? undefined : new URL(c.req.url).host;
}
