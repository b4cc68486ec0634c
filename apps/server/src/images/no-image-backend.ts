import type { ImageBackend } from './image-jobs.ts';

/** The backend of a server without ComfyUI: every job fails with the setting that would fix it. */
export const noImageBackend: ImageBackend = {
  prepare: async () => {
    throw new Error('Making images needs ComfyUI: set COMFYUI_URL to your ComfyUI server.');
  },
  run: async () => {
    throw new Error('Making images needs ComfyUI: set COMFYUI_URL to your ComfyUI server.');
  },
};
