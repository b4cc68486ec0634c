/**
 * What a route handler gets, and the mock-wide state that outlives a ComfyUI "process".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ComfyProcess } from './comfy-process.ts';
import type { FaultBook } from './faults.ts';
import type { FileStore } from './file-store.ts';
import type { ComfyRequestRecord, RequestLog } from './request-log.ts';
import type { ComfyScenario } from './scenario.ts';

export interface MockState {
  scenario: ComfyScenario;
  files: FileStore;
  faults: FaultBook;
  log: RequestLog;
  /** Every prompt_id ever queued, to flag duplicates in the log. */
  promptIdsSeen: Set<string>;
  /** The running ComfyUI, or null while the mock is down. */
  process: ComfyProcess | null;
  /** True once `close()` began (drops are then not the client's doing). */
  closing: boolean;
  changed(): void;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  record: ComfyRequestRecord;
  url: URL;
  /** `{name}` segments of the route. */
  params: Record<string, string>;
  body: Buffer;
  state: MockState;
  process: ComfyProcess;
  /** HEAD: headers only. */
  headOnly: boolean;
  /** Aborts when the client goes away or the mock stops. */
  signal: AbortSignal;
}

export type RouteHandler = (ctx: RouteContext) => void | Promise<void>;
