/**
 * The route table (`server.py` `PromptServer` routes, each also under `/api`) and aiohttp's
 * resolution: a GET route answers HEAD too; a known path with another method is 405; an unknown
 * path falls to the static file route on `/`, so GET is 404 and anything else 405.
 */
import { getView, postUploadImage } from './file-routes.ts';
import { send } from './http-util.ts';
import { getEmptyList, getFeatures, getModels, getModelTypes, getObjectInfo, getObjectInfoClass, getRoot, getSystemStats } from './info-routes.ts';
import { getPrompt, postPrompt } from './prompt-routes.ts';
import { getHistory, getHistoryItem, getQueue, postFree, postHistory, postInterrupt, postQueue } from './queue-routes.ts';
import type { RouteHandler } from './route-context.ts';

interface Route {
  pattern: RegExp;
  keys: string[];
  methods: Record<string, RouteHandler>;
}

function route(path: string, methods: Record<string, RouteHandler>): Route {
  const keys: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_match, key: string) => {
    keys.push(key);
    return '([^{}/]+)';
  });
  if (methods.GET) methods.HEAD = methods.GET;
  return { pattern: new RegExp(`^${source}$`), keys, methods };
}

/** `GET /ws` without an Upgrade header: `WebSocketResponse.prepare` raises HTTPBadRequest. */
const wsWithoutUpgrade: RouteHandler = ({ res }) =>
  send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('No WebSocket UPGRADE hdr: None\n Can "Upgrade" only to "WebSocket".'));

const ROUTES: Route[] = [
  route('/', { GET: getRoot }),
  route('/ws', { GET: wsWithoutUpgrade }),
  route('/embeddings', { GET: getEmptyList }),
  route('/models', { GET: getModelTypes }),
  route('/models/{folder}', { GET: getModels }),
  route('/extensions', { GET: getEmptyList }),
  route('/upload/image', { POST: postUploadImage }),
  route('/view', { GET: getView }),
  route('/system_stats', { GET: getSystemStats }),
  route('/features', { GET: getFeatures }),
  route('/prompt', { GET: getPrompt, POST: postPrompt }),
  route('/object_info', { GET: getObjectInfo }),
  route('/object_info/{node_class}', { GET: getObjectInfoClass }),
  route('/history', { GET: getHistory, POST: postHistory }),
  route('/history/{prompt_id}', { GET: getHistoryItem }),
  route('/queue', { GET: getQueue, POST: postQueue }),
  route('/interrupt', { POST: postInterrupt }),
  route('/free', { POST: postFree }),
];

/** The path without the `/api` prefix every route is also served under. */
export function stripApiPrefix(path: string): string {
  return path.startsWith('/api/') ? path.slice(4) : path;
}

export type Resolution = { handler: RouteHandler; params: Record<string, string> } | { status: 404 | 405; allow: string };

export function resolveRoute(method: string, path: string): Resolution {
  const allowed = new Set(['GET', 'HEAD']); // the static route on '/' matches every path
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const handler = candidate.methods[method];
    if (handler) return { handler, params: Object.fromEntries(candidate.keys.map((key, i) => [key, match[i + 1]!])) };
    for (const name of Object.keys(candidate.methods)) allowed.add(name);
    return { status: 405, allow: [...allowed].join(',') };
  }
  return method === 'GET' || method === 'HEAD' ? { status: 404, allow: '' } : { status: 405, allow: [...allowed].join(',') };
}
