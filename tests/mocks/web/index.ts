/**
 * @module
 * A fixture "public web" and a canary for fetch_page and SSRF tests. Pages are hand-written files
 * in `pages/`; hostile bodies (gzip bomb, 6 MB page, trickling response) are generated.
 */
export { startFixtureWeb } from './fixture-web.ts';
export type { FixtureWeb, StartFixtureWebOptions } from './fixture-web.ts';
export type { FixtureRequest } from './request-log.ts';
export { startCanary } from './canary.ts';
export type { Canary } from './canary.ts';
export { FIXTURE_TEXT, toTagCharacters, toZeroWidthBits } from './fixture-text.ts';
