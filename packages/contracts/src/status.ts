import { z } from 'zod';
import { imagesStatus } from './images.ts';
import { vaultState } from './vault.ts';

export const loadedModel = z.object({
  name: z.string(),
  sizeBytes: z.number().nonnegative(),
  vramBytes: z.number().nonnegative(),
  /** ISO time at which Ollama will unload it, as Ollama reports it. */
  expiresAt: z.string().nullable(),
  contextLength: z.number().int().positive().nullable(),
});
export type LoadedModel = z.infer<typeof loadedModel>;

/** `GET /api/status`: what the status page and the banner show. */
export const statusResponse = z.object({
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  ollama: z.object({
    url: z.string(),
    reachable: z.boolean(),
    version: z.string().nullable(),
    /** Why Ollama is not usable, in words a person can act on; null when it is fine. */
    error: z.string().nullable(),
    loadedModels: z.array(loadedModel),
  }),
  storage: z.object({
    dataDir: z.string(),
    conversations: z.number().int().nonnegative(),
  }),
  activeGenerations: z.number().int().nonnegative(),
  /** The notes index; null when no vault is configured (or its index is still opening). */
  vault: vaultState.nullable(),
  /** ComfyUI and the GPU; null when no ComfyUI is configured (`COMFYUI_URL`). */
  images: imagesStatus.nullable(),
});
export type StatusResponse = z.infer<typeof statusResponse>;

/** `GET /healthz`: the process is up and its database answers. */
export const healthResponse = z.object({ ok: z.literal(true) });
