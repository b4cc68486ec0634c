import { id } from '@tauceti/contracts';
import { NOTE_ID } from '../utils/safe-urls.ts';

/**
 * The screens: `/` a new chat, `/c/<id>` a conversation, `/status` the server status, `/notes` the
 * notes search, `/notes/<id>` one note in the read-only viewer and `/images` the gallery.
 */
export type Route =
  | { name: 'new' }
  | { name: 'conversation'; id: string }
  | { name: 'status' }
  | { name: 'notes' }
  | { name: 'note'; id: string }
  | { name: 'images' }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'new' };
  if (path === '/status') return { name: 'status' };
  if (path === '/notes') return { name: 'notes' };
  if (path === '/images') return { name: 'images' };
  const match = /^\/(c|notes)\/([^/]+)$/.exec(path);
  const [, kind, value] = match ?? [];
  if (kind === 'c' && value && id.safeParse(value).success) return { name: 'conversation', id: value };
  if (kind === 'notes' && value && NOTE_ID.test(value)) return { name: 'note', id: value };
  return { name: 'not-found', path };
}

export const conversationPath = (conversationId: string) => `/c/${encodeURIComponent(conversationId)}`;
