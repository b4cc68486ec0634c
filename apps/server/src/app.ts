import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from './deps.ts';
import { errorHandler } from './http/error-handler.ts';
import { AppError } from './http/errors.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { staticWeb } from './http/static-web.ts';
import { chatRoutes } from './routes/chat.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { modelsRoutes } from './routes/models.ts';
import { openAiRoutes } from './routes/openai.ts';
import { statusRoutes } from './routes/status.ts';
import { uploadRoutes } from './routes/uploads.ts';

export interface CreateAppOptions {
  /** The built web app to serve; omitted in API-only tests. */
  webDist?: string;
}

/** JSON bodies are small (a message is at most 100k characters); uploads have their own limit. */
const JSON_BODY_LIMIT = 1024 * 1024;

/** The HTTP application. No I/O happens here: everything it uses arrives in `deps`. */
export function createApp(deps: Deps, options: CreateAppOptions = {}) {
  const app = new Hono();
  app.onError(errorHandler(deps.logger));
  app.use('*', requestLog(deps.logger));
  app.use('*', securityHeaders());
  const limitJson = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new AppError('payload_too_large', 413, 'The request body is larger than 1 MB.');
    },
  });
  app.use('/api/chat', limitJson);
  app.use('/api/conversations/*', limitJson);
  app.use('/v1/*', bodyLimit({ maxSize: 64 * JSON_BODY_LIMIT }));

  app.route('/', healthRoutes(deps));
  app.route('/', statusRoutes(deps));
  app.route('/', modelsRoutes(deps));
  app.route('/', conversationRoutes(deps));
  app.route('/', chatRoutes(deps));
  app.route('/', uploadRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', openAiRoutes(deps));
  app.all('/api/*', () => {
    throw new AppError('not_found', 404, 'No such API route.');
  });
  if (options.webDist) app.route('/', staticWeb(options.webDist));
  return app;
}
