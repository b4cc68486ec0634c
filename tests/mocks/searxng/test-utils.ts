/**
 * Helpers for this folder's tests (not exported by the package).
 */
import type { SearchRule, SearxngScenario } from './scenario.ts';

/** A fetch Response whose `json()` is untyped, for terse assertions. */
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** GETs `path` (with its query) from the mock, not following redirects unless told. */
export function get(baseUrl: string, path: string, init: RequestInit = {}): Promise<TestResponse> {
  return fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init });
}

/** POSTs form fields to the mock, as SearXNG's own search form does. */
export function postForm(baseUrl: string, path: string, fields: Record<string, string>, init: RequestInit = {}): Promise<TestResponse> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    ...init,
  });
}

/** A scenario of one flavour with the given rules. */
export function scenarioWith(flavor: SearxngScenario['flavor'], rules: SearchRule[], extra: Partial<SearxngScenario> = {}): SearxngScenario {
  return { flavor, jsonEnabled: true, rules, ...extra };
}
