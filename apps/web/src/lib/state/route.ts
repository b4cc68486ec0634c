import { id } from '@tauceti/contracts';

/** The three screens: `/` a new chat, `/c/<id>` a conversation, `/status` the server status. */
export type Route =
  | { name: 'new' }
  | { name: 'conversation'; id: string }
  | { name: 'status' }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'new' };
  if (path === '/status') return { name: 'status' };
  const match = /^\/c\/([^/]+)$/.exec(path);
  if (match?.[1] && id.safeParse(match[1]).success) return { name: 'conversation', id: match[1] };
  return { name: 'not-found', path };
}

export const conversationPath = (conversationId: string) => `/c/${encodeURIComponent(conversationId)}`;
