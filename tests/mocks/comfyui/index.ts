/**
 * @module
 * A scripted, protocol-faithful ComfyUI server for tests and benchmarks (`node:http` + `ws`).
 * Scenarios are JSON data; wire formats follow `reference/PROTOCOLS.md` §2.
 */
export { startMockComfyui } from './server.ts';
export type { MockComfyui, QueueEntry, StartMockComfyuiOptions } from './server.ts';
export { defaultScenario } from './scenario.ts';
export type {
  ComfyScenario,
  ExecutionErrorFault,
  FaultMatch,
  FaultRule,
  MockCheckpoint,
  PostPromptFault,
  WsDropFault,
} from './scenario.ts';
export { imageToImageWorkflow, textToImageWorkflow } from './workflows.ts';
export type { TextToImageOptions } from './workflows.ts';
export { SAMPLER_NAMES, SCHEDULER_NAMES } from './node-classes.ts';
export type { ComfyRequestRecord } from './request-log.ts';
export type { EmittedEvent, WsConnectionRecord } from './ws-hub.ts';
export type { LoadedModel } from './model-residency.ts';
export type { FreeRecord } from './comfy-process.ts';
export type { FolderType, StoredFile } from './file-store.ts';
