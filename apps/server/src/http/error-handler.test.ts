import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.ts';
import { AppError } from './errors.ts';
import { createLogger, type LogLevel } from './logger.ts';

function appLogging(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const app = new Hono();
  app.onError(errorHandler(createLogger(level, (line) => lines.push(line) > 0)));
  app.use('*', bodyLimit({ maxSize: 1024 }));
  app.post('*', async (c) => c.json(await c.req.json()));
  app.get('/api/refused', () => {
    throw new AppError('forbidden', 403, 'No.');
  });
  app.get('/v1/refused', () => {
    throw new AppError('forbidden', 403, 'No.');
  });
  return { app, lines };
}

/** A chunked body whose stream fails the way Node's does when the client hangs up mid-body. */
function cutOffBody() {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"a":'));
      controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    },
  });
}

describe('errorHandler', () => {
  it('answers our envelope under /api and OpenAI\'s error shape under /v1', async () => {
    const { app } = appLogging();
    expect(await (await app.request('/api/refused')).json()).toEqual({ error: { code: 'forbidden', message: 'No.' } });
    expect(await (await app.request('/v1/refused')).json()).toEqual({ error: { message: 'No.', type: 'invalid_request_error', param: null, code: 'forbidden' } });
  });

  it('logs a client that hung up mid-body as such, at info, and answers 400 instead of a 500', async () => {
    const { app, lines } = appLogging();
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: cutOffBody(), duplex: 'half' } as RequestInit;
    const response = await app.request('/api/chat', init);
    expect(response.status).toBe(400);
    expect(lines.join('')).toMatch(/ info {2}the client closed the connection while sending the request method="POST" path="\/api\/chat"/);
    expect(lines.join('')).not.toMatch(/ error /);
  });

  it('still logs an unexpected failure as an error with a 500', async () => {
    const { app, lines } = appLogging('error');
    const app500 = app.get('/boom', () => {
      throw new TypeError('x is undefined');
    });
    expect((await app500.request('/boom')).status).toBe(500);
    expect(lines.join('')).toMatch(/error request failed .*x is undefined/);
  });
});
