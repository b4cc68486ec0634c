/**
 * What the GPU scheduler needs to see and do on the card, over the two servers that share it. The
 * scheduler decides; this only asks Ollama and ComfyUI (and is replaced in the scheduler's tests).
 */
import type { OllamaClient } from '@tauceti/ollama';

export interface GpuCard {
  /** Ollama's models in memory now (`/api/ps`). */
  ollamaLoaded(): Promise<{ name: string; vramBytes: number }[]>;
  /** Unloads one Ollama model now (`keep_alive: 0`). */
  unloadOllama(model: string): Promise<void>;
  /** ComfyUI's view of the card (`/system_stats`, its first device); null without ComfyUI or a GPU device. */
  comfyStats(): Promise<{ vramTotal: number; vramFree: number } | null>;
  /** Asks ComfyUI to unload its models and free its memory (`POST /free`). */
  freeComfy(): Promise<void>;
}

/** ComfyUI's side of the card, from the image backend; null without ComfyUI. */
export interface ComfyMemory {
  vram(signal: AbortSignal): Promise<{ vramTotal: number; vramFree: number } | null>;
  free(signal: AbortSignal): Promise<void>;
}

const CALL_TIMEOUT_MS = 15_000;

export function createGpuCard(ollama: Pick<OllamaClient, 'listLoaded' | 'unload'>, comfy: ComfyMemory | null): GpuCard {
  const signal = () => AbortSignal.timeout(CALL_TIMEOUT_MS);
  return {
    ollamaLoaded: async () => (await ollama.listLoaded({ signal: signal() })).map((model) => ({ name: model.name, vramBytes: model.vramBytes })),
    unloadOllama: (model) => ollama.unload(model, { signal: signal() }),
    comfyStats: async () => (comfy ? comfy.vram(signal()) : null),
    freeComfy: async () => comfy?.free(signal()),
  };
}
