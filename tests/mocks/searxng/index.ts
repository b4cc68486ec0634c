/**
 * @module
 * A scripted, protocol-faithful SearXNG (current SearXNG or Debian's searx 1.1) for tests, on plain
 * `node:http`. Scenarios are JSON data; wire formats follow `reference/PROTOCOLS.md` §3.
 */
export { startMockSearxng } from './server.ts';
export type { MockSearxng, StartMockSearxngOptions } from './server.ts';
export { defaultSearxngScenario } from './scenario.ts';
export type { MockAnswer, MockResult, SearchMatch, SearchRule, SearxngFlavor, SearxngScenario } from './scenario.ts';
export type { SearxngRequestRecord } from './request-log.ts';
