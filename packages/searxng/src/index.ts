/**
 * @module
 * SearXNG client. Knows nothing of Hono, the AI SDK or tools.
 */
export {};
