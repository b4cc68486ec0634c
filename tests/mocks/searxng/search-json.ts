/**
 * The JSON body of a successful search, per flavour: current SearXNG's `get_json_response` (every
 * `MainResult` field, answers as objects, sorted `unresponsive_engines`) or searx 1.1's (engine keys
 * plus `pretty_url`/`pubdate`, HTML stripped, answers as strings, localized `publishedDate`).
 */
import { htmlToText } from './html-to-text.ts';
import { isoformat, parseScenarioDate, pubdate, searxDisplayDate } from './python-datetime.ts';
import { PythonFloat, pythonJsonDumps } from './python-json.ts';
import { pythonUrlparse } from './python-url.ts';
import type { MockAnswer, MockResult, SearchRule, SearxngScenario } from './scenario.ts';

/** The serialised body for query `q` answered by `rule` (or by nothing: no results). */
export function searchJson(q: string, rule: SearchRule | undefined, scenario: SearxngScenario, now: Date): string {
  const flavor = scenario.flavor;
  const results = (rule?.results ?? []).map((result, index) =>
    omit(flavor === 'searxng' ? searxngResult(result, index) : searxResult(result, index, now), result.omitKeys),
  );
  const numberOfResults = scenario.numberOfResults ?? (flavor === 'searx' ? 0 : undefined);
  const unresponsive = (rule?.unresponsiveEngines ?? []).map(([engine, message]) => [engine, message]);
  if (flavor === 'searxng') unresponsive.sort((a, b) => compare(a[0]!, b[0]!) || compare(a[1]!, b[1]!));
  return pythonJsonDumps({
    query: q,
    number_of_results: numberOfResults,
    results,
    answers: (rule?.answers ?? []).map((answer) => (flavor === 'searxng' ? answerObject(answer) : answerText(answer))),
    corrections: rule?.corrections ?? [],
    infoboxes: rule?.infoboxes ?? [],
    suggestions: rule?.suggestions ?? [],
    unresponsive_engines: unresponsive,
  });
}

/** `MainResult.as_dict()` after `normalize_result_fields`, in struct field order. */
function searxngResult(result: MockResult, index: number): Record<string, unknown> {
  const engine = result.engine ?? 'duckduckgo';
  const engines = result.engines ?? [engine];
  const positions = result.positions ?? engines.map(() => index + 1);
  const title = collapse(result.title);
  const content = collapse(result.content ?? '');
  const date = result.publishedDate ? parseScenarioDate(result.publishedDate) : null;
  return {
    url: result.url,
    engine,
    parsed_url: pythonUrlparse(result.url),
    template: result.template ?? 'default.html',
    title,
    content: content === title ? '' : content,
    img_src: result.imgSrc ?? '',
    iframe_src: '',
    audio_src: '',
    thumbnail: result.thumbnail ?? '',
    publishedDate: date ? isoformat(date) : null,
    pubdate: date ? pubdate(date) : '',
    length: null,
    views: '',
    author: result.author ?? '',
    metadata: '',
    priority: '',
    engines,
    open_group: false,
    close_group: false,
    positions,
    score: new PythonFloat(result.score ?? score(positions)),
    category: result.category ?? 'general',
    ...result.extra,
  };
}

/** A searx 1.1 result dict: the engine's keys, then what `search`/`results.py`/`webapp.py` add. */
function searxResult(result: MockResult, index: number, now: Date): Record<string, unknown> {
  const engine = result.engine ?? 'duckduckgo';
  const engines = result.engines ?? [engine];
  const positions = result.positions ?? engines.map(() => index + 1);
  const date = result.publishedDate ? parseScenarioDate(result.publishedDate) : null;
  const content = result.content ? htmlToText(result.content).trim() : result.content;
  return {
    url: result.url,
    title: htmlToText(result.title).trim().split(/\s+/).filter(Boolean).join(' '),
    content,
    ...(date ? { publishedDate: searxDisplayDate(date, now) } : {}),
    ...(result.imgSrc ? { img_src: result.imgSrc } : {}),
    ...(result.thumbnail ? { thumbnail: result.thumbnail } : {}),
    ...(result.author ? { author: result.author } : {}),
    ...(result.template ? { template: result.template } : {}),
    ...result.extra,
    engine,
    parsed_url: pythonUrlparse(result.url),
    engines,
    positions,
    score: new PythonFloat(result.score ?? score(positions)),
    category: result.category ?? 'general',
    pretty_url: prettifyUrl(result.url),
    ...(date ? { pubdate: pubdate(date) } : {}),
  };
}

/** The `Answer` result type's fields (`template` is `answer/legacy.html`). */
function answerObject(answer: MockAnswer): Record<string, unknown> {
  const { answer: text, url = null, engine = '' } = typeof answer === 'string' ? { answer } : answer;
  return { url, engine, parsed_url: url ? pythonUrlparse(url) : null, template: 'answer/legacy.html', answer: text };
}

function answerText(answer: MockAnswer): string {
  return typeof answer === 'string' ? answer : answer.answer;
}

/** `results.py` `calculate_score` with engine weights of 1 and no priority. */
function score(positions: number[]): number {
  return positions.reduce((sum, position) => sum + positions.length / position, 0);
}

/** `WHITESPACE_REGEX.sub(' ', text).strip()` from `_normalize_text_fields`. */
function collapse(text: string): string {
  return text.replace(/[ \t\n]+/g, ' ').trim();
}

/** `webutils.prettify_url`: long URLs keep their two ends around `[...]`. */
function prettifyUrl(url: string, maxLength = 74): string {
  if (url.length <= maxLength) return url;
  const chunk = Math.floor(maxLength / 2 + 1);
  return `${url.slice(0, chunk)}[...]${url.slice(-chunk)}`;
}

function omit(record: Record<string, unknown>, keys: string[] | undefined): Record<string, unknown> {
  if (!keys?.length) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Python's string order (code points), for `sorted()`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
