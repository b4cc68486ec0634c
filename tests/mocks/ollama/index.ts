/**
 * @module
 * A scripted, protocol-faithful Ollama server for tests and benchmarks (plain `node:http`).
 * Scenarios are JSON data; wire formats follow `reference/PROTOCOLS.md` §1.
 */
export { startMockOllama } from './server.ts';
export type { MockOllama, StartMockOllamaOptions } from './server.ts';
export { defaultScenario } from './scenario.ts';
export type { ChatMatch, ChatScript, MockModel, ModelCapability, OllamaScenario, ScriptedToolCall } from './scenario.ts';
export type { RequestRecord } from './request-log.ts';
export type { LoadedModel } from './model-residency.ts';
export { mockEmbedding } from './embed-handler.ts';
