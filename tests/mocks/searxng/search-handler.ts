/**
 * `GET|POST /search` in the order SearXNG's `webapp.py` works: `before_request` hooks (limiter, bot
 * detection), the output format and its 403, `No query`, the parameter checks, the search itself.
 */
import type { ServerResponse } from 'node:http';
import { delay, send, type FlaskResponse } from './http-util.ts';
import { indexPage, LIMITER_BODY, resultsPage, searchErrorPage, werkzeugErrorPage } from './html-pages.ts';
import { pythonJsonDumps } from './python-json.ts';
import type { SearxngRequestRecord } from './request-log.ts';
import type { SearchRule, SearxngScenario } from './scenario.ts';
import { checkSearchParams } from './search-params.ts';
import { searchJson } from './search-json.ts';

const OUTPUT_FORMATS = new Set(['html', 'csv', 'json', 'rss']);

/** What the handlers share; `faultCounts` counts each rule's scripted statuses (for `times`). */
export interface MockState {
  scenario: SearxngScenario;
  faultCounts: Map<number, number>;
}

/** What one search request is answered with. */
export interface SearchContext {
  res: ServerResponse;
  record: SearxngRequestRecord;
  state: MockState;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
}

/** Answers one search request. */
export async function handleSearch({ res, record, state, signal }: SearchContext): Promise<void> {
  const { scenario } = state;
  const { flavor } = scenario;
  const reply = (response: FlaskResponse) => send(res, flavor, response);
  const q = record.params.q ?? '';
  const ruleIndex = scenario.rules.findIndex((candidate) => matches(candidate, q));
  const rule = scenario.rules[ruleIndex];

  if (rule?.delayMs && !(await delay(rule.delayMs, signal))) return;
  if (rule?.status !== undefined && rule.status !== 500 && takeFault(state, ruleIndex, rule)) {
    return reply(faultResponse(rule));
  }

  const requested = record.params.format ?? 'html';
  const format = OUTPUT_FORMATS.has(requested) ? requested : 'html';
  // jsonEnabled stands for `formats: [html, json]`; csv and rss are never listed.
  const allowed = flavor === 'searx' || format === 'html' || (format === 'json' && scenario.jsonEnabled !== false);
  if (!allowed) return reply({ status: 403, mimetype: 'text/html', body: werkzeugErrorPage(403) });
  const isJson = format === 'json';

  if (q === '') {
    return reply(isJson ? jsonError(400, 'No query') : { status: 200, mimetype: 'text/html', body: indexPage() });
  }
  const problem = checkSearchParams(record.params, flavor);
  if (problem?.status === 400) {
    return reply(isJson ? jsonError(400, problem.message) : { status: 400, mimetype: 'text/html', body: indexPage() });
  }
  if (problem?.status === 500 || (rule?.status === 500 && takeFault(state, ruleIndex, rule))) {
    return reply(isJson ? jsonError(500, 'search error') : { status: 500, mimetype: 'text/html', body: searchErrorPage() });
  }
  if (isJson) return reply({ status: 200, mimetype: 'application/json', body: searchJson(q, rule, scenario, new Date()) });
  const results = (rule?.results ?? []).map(({ url, title, content = '' }) => ({ url, title, content }));
  return reply({ status: 200, mimetype: 'text/html', body: resultsPage(q, results) });
}

function matches(rule: SearchRule, q: string): boolean {
  const includes = rule.match?.queryIncludes;
  return includes === undefined || q.toLowerCase().includes(includes.toLowerCase());
}

/** Whether `rule` still answers with its status (and counts this use). */
function takeFault(state: MockState, ruleIndex: number, rule: SearchRule): boolean {
  const used = state.faultCounts.get(ruleIndex) ?? 0;
  if (rule.times !== undefined && used >= rule.times) return false;
  state.faultCounts.set(ruleIndex, used + 1);
  return true;
}

/** A scripted status before SearXNG looked at the request: the limiter's page for 429, werkzeug's otherwise. */
function faultResponse(rule: SearchRule): FlaskResponse {
  const status = rule.status ?? 500;
  const headers = rule.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(rule.retryAfterSeconds) };
  const body = status === 429 ? LIMITER_BODY : werkzeugErrorPage(status);
  return { status, mimetype: 'text/html', body, headers };
}

/** `index_error(output_format='json', …)`: `{"error": message}`, `application/json`. */
function jsonError(status: number, message: string): FlaskResponse {
  return { status, mimetype: 'application/json', body: pythonJsonDumps({ error: message }) };
}
