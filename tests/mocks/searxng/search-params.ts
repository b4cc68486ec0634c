/**
 * SearXNG's parameter checks (`searx/webadapter.py`) for one flavour, in its order, with its
 * `SearxParameterException` texts. Only what the JSON API can reject is checked.
 */
import type { SearxngFlavor } from './scenario.ts';

const VALID_LANGUAGE_CODE = /^[a-z]{2,3}(-[a-zA-Z]{2})?$/;
const PYTHON_FLOAT = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)\s*$/i;
const TIME_RANGES = new Set(['day', 'week', 'month', 'year']);

/** Why SearXNG refuses the parameters: a 400 with `message`, or (searx) a crash answered with 500. */
export type ParamsProblem = { status: 400; message: string } | { status: 500 };

/** The first problem SearXNG would report for `params`, or null when it would search. */
export function checkSearchParams(params: Record<string, string>, flavor: SearxngFlavor): ParamsProblem | null {
  const invalid = (name: string, value: string): ParamsProblem => ({ status: 400, message: parameterMessage(name, value, flavor) });
  const checks: Record<string, () => ParamsProblem | null> = {
    pageno() {
      const value = params.pageno ?? '1';
      return /^\d+$/.test(value) && Number(value) >= 1 ? null : invalid('pageno', value);
    },
    safesearch() {
      const value = params.safesearch;
      if (value === undefined) return null;
      if (!/^\d+$/.test(value)) return invalid('safesearch', value);
      if (Number(value) <= 2) return null;
      // searx builds its message with `'...' + value` on an int: a TypeError, so a 500.
      return flavor === 'searx' ? { status: 500 } : invalid('safesearch', String(Number(value)));
    },
    timeRange() {
      const value = params.time_range;
      if (value === undefined || value === '' || value === 'None') return null;
      return TIME_RANGES.has(value) ? null : invalid('time_range', value);
    },
    timeoutLimit() {
      const value = params.timeout_limit;
      if (value === undefined || value === '' || value === 'None') return null;
      return PYTHON_FLOAT.test(value) ? null : invalid('timeout_limit', value);
    },
    language() {
      const value = params.language;
      if (value === undefined) return null;
      // searx 1.1 predates the `auto` language.
      const isValid = VALID_LANGUAGE_CODE.test(value) || (flavor === 'searxng' && value === 'auto');
      return isValid ? null : invalid('language', value);
    },
  };
  const order =
    flavor === 'searxng'
      ? ['pageno', 'safesearch', 'timeRange', 'timeoutLimit', 'language']
      : ['pageno', 'language', 'safesearch', 'timeRange', 'timeoutLimit'];
  for (const name of order) {
    const problem = checks[name]!();
    if (problem) return problem;
  }
  return null;
}

/** `SearxParameterException`: current SearXNG writes the value bare, searx quotes it. */
function parameterMessage(name: string, value: string, flavor: SearxngFlavor): string {
  if (value === '') return `Empty ${name} parameter`;
  return flavor === 'searxng' ? `Invalid value ${value} for parameter ${name}` : `Invalid value "${value}" for parameter ${name}`;
}
