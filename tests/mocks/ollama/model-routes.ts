/**
 * The read-only routes: `/`, `/api/version`, `/api/tags`, `/api/ps`, `/api/show`.
 */
import { decodeBody, type HandlerContext } from './handler-context.ts';
import { sendError, sendJson, sendText } from './http-util.ts';
import { findModel, parseModelName, psEntry, showResponse, tagsResponse } from './models.ts';
import { SHOW_REQUEST, type ShowRequest } from './request-types.ts';

export function handleRoot({ res }: HandlerContext): void {
  sendText(res, 200, 'Ollama is running');
}

export function handleVersion({ res, state }: HandlerContext): void {
  sendJson(res, 200, { version: state.scenario.version });
}

export function handleTags({ res, state }: HandlerContext): void {
  sendJson(res, 200, tagsResponse(state.scenario.models));
}

/** `{"models": []}` when nothing is loaded: never null. */
export function handlePs({ res, state }: HandlerContext): void {
  const models = state.residency.list().flatMap((loaded) => {
    const model = state.scenario.models.find((candidate) => candidate.name === loaded.name);
    return model ? [psEntry(model, loaded)] : [];
  });
  sendJson(res, 200, { models });
}

/** `{model}` or the legacy `{name}`. */
export function handleShow(context: HandlerContext): void {
  const request = decodeBody<ShowRequest>(context, SHOW_REQUEST);
  if (!request) return;
  const name = request.model || request.name || '';
  if (name === '') return sendError(context.res, 400, 'model is required');
  if (!parseModelName(name)) return sendError(context.res, 400, 'invalid model name');
  const model = findModel(context.state.scenario.models, name);
  if (!model) return sendError(context.res, 404, `model '${name}' not found`);
  sendJson(context.res, 200, showResponse(model));
}
