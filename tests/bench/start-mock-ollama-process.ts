import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OllamaScenario } from '@tauceti/mocks/ollama';

/** What the remote mock reports of each request: enough to time the tool loop. */
export interface SlimRequest {
  id: number;
  path: string;
  stream: boolean;
  lastRole: string | null;
  /** The last user message, cut to 300 characters. */
  lastUser: string;
  /** ms since the epoch, as the mock's request log keeps them. */
  receivedAt: number;
  closedAt: number | null;
}

type RemoteRequest = { op: 'setScenario'; scenario: OllamaScenario } | { op: 'requests' } | { op: 'clearRequests' };
export type RemoteCall = RemoteRequest & { id: number };

export interface RemoteMockOllama {
  url: string;
  pid: number;
  setScenario(scenario: OllamaScenario): Promise<void>;
  requests(): Promise<SlimRequest[]>;
  clearRequests(): Promise<void>;
  close(): void;
}

/** Starts mock-ollama-process.ts and returns a handle that scripts it over IPC. */
export async function startMockOllamaProcess(): Promise<RemoteMockOllama> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./mock-ollama-process.ts', import.meta.url))], {
    env: { PATH: process.env.PATH ?? '' },
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: { ready?: string; id?: number; result?: unknown }) => {
      if (message.ready) resolve(message.ready);
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    child.once('exit', (code) => reject(new Error(`the mock Ollama process exited with ${code}`)));
  });
  const call = <T>(request: RemoteRequest) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (result) => {
        pending.delete(id);
        resolve(result as T);
      });
      child.send({ ...request, id });
    });
  return {
    url,
    pid: child.pid as number,
    setScenario: (scenario) => call({ op: 'setScenario', scenario }),
    requests: () => call({ op: 'requests' }),
    clearRequests: () => call({ op: 'clearRequests' }),
    close: () => child.kill(),
  };
}
