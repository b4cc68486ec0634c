/** The status page's sentences about ComfyUI and the GPU everyone shares (`/api/status` `images`). */
import type { ImagesStatus } from '@tauceti/contracts';

export interface ImagesSummary {
  comfyui: string;
  checkpoint: string;
  gpu: string;
}

const HOLDERS: Record<ImagesStatus['gpu']['holder'], string> = {
  idle: 'Free',
  chat: 'In use by a chat answer',
  embedding: 'In use by note embeddings',
  image: 'In use by an image job',
};

const POLICIES: Record<ImagesStatus['gpu']['policy'], string> = {
  exclusive: 'one job at a time: chat models are unloaded before an image is made',
  shared: 'shared: chat and images may run side by side',
};

export function summarizeImages(status: ImagesStatus): ImagesSummary {
  const { comfyui, gpu } = status;
  const version = comfyui.version ? ` · version ${comfyui.version}` : '';
  const checkpoint = comfyui.checkpoint
    ? `${comfyui.checkpoint} (${comfyui.checkpointSource === 'setting' ? 'set with COMFYUI_CHECKPOINT' : 'picked from those installed'})`
    : 'None found: install a checkpoint in ComfyUI, or set COMFYUI_CHECKPOINT';
  const waiting = gpu.waiting === 0 ? 'nothing waiting' : `${gpu.waiting} waiting for it`;
  return {
    comfyui: comfyui.reachable ? `Reachable${version}` : 'Not reachable',
    checkpoint,
    gpu: `${HOLDERS[gpu.holder]}, ${waiting} · ${POLICIES[gpu.policy]}`,
  };
}
