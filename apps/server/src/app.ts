import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from './deps.ts';
import { allowedHosts } from './http/allowed-hosts.ts';
import { errorHandler } from './http/error-handler.ts';
import { AppError } from './http/errors.ts';
import { requestLog } from './http/request-log.ts';
import { requireJson } from './http/require-json.ts';
import { sameOrigin } from './http/same-origin.ts';
import { securityHeaders } from './http/security-headers.ts';
import { staticWeb } from './http/static-web.ts';
import { chatRoutes } from './routes/chat.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { imageRoutes } from './routes/images.ts';
import { modelsRoutes } from './routes/models.ts';
import { openAiRoutes } from './routes/openai.ts';
import { statusRoutes } from './routes/status.ts';
import { toolsRoutes } from './routes/tools.ts';
import { vaultRoutes } from './routes/vault.ts';
import { uploadRoutes } from './routes/uploads.ts';

export interface CreateAppOptions {
  /** The built web app to serve; omitted in API-only tests. */
  webDist?: string;
}

/** JSON bodies are small (a message is at most 100k characters); uploads have their own limit. */
const JSON_BODY_LIMIT = 1024 * 1024;
/** OpenAI clients send images inline as data: URLs; a few of them fit, a flood of huge bodies does not. */
const OPENAI_BODY_LIMIT = 16 * 1024 * 1024;

/** The host names the app answers to besides loopback ones and IP addresses. */
function hostNamesOf(env: Deps['env']): string[] {
  return [...env.ALLOWED_HOSTS, ...(env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).hostname] : [])];
}

/** The HTTP application. No I/O happens here: everything it uses arrives in `deps`. */
export function createApp(deps: Deps, options: CreateAppOptions = {}) {
  const app = new Hono();
  app.onError(errorHandler(deps.logger));
  app.use('*', requestLog(deps.logger));
  app.use('*', securityHeaders());
  // Before anything is read or served, static files included.
  app.use('*', allowedHosts({ names: hostNamesOf(deps.env) }));
  app.use('*', sameOrigin());
  const limitJson = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new AppError('payload_too_large', 413, 'The request body is larger than 1 MB.');
    },
  });
  app.use('/api/chat', limitJson);
  app.use('/api/conversations/*', limitJson);
  // The type is checked first so a refused body is never read; the size while it is read.
  app.use('/v1/*', requireJson());
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: OPENAI_BODY_LIMIT,
      onError: () => {
        throw new AppError('payload_too_large', 413, 'The request body is larger than 16 MB; send fewer or smaller images.');
      },
    }),
  );

  app.route('/', healthRoutes(deps));
  app.route('/', statusRoutes(deps));
  app.route('/', modelsRoutes(deps));
  app.route('/', conversationRoutes(deps));
  app.route('/', chatRoutes(deps));
  app.route('/', toolsRoutes(deps));
  app.route('/', vaultRoutes(deps));
  app.route('/', uploadRoutes(deps));
  app.route('/', imageRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', openAiRoutes(deps));
  app.all('/api/*', () => {
    throw new AppError('not_found', 404, 'No such API route.');
  });
  app.all('/v1/*', () => {
    throw new AppError('not_found', 404, 'No such OpenAI-compatible route.');
  });
  if (options.webDist) app.route('/', staticWeb(options.webDist));
  return app;
}
