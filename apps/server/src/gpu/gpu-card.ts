/**
 * What the GPU scheduler needs to see and do on the card, over the two servers that share it. The
 * scheduler decides; this only asks Ollama and ComfyUI (and is replaced in the scheduler's tests).
 */
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
