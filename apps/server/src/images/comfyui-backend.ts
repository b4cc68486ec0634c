/**
 * Image jobs over a real ComfyUI (`@tauceti/comfyui`): workflows (built-in and the user's files in
 * `DATA_DIR/workflows`), the checkpoint to use, the input image of image-to-image, one run with its
 * progress, and the bytes of the images it saved. One WebSocket serves every job of this server.
 */
import { join } from 'node:path';
import {
  applyParameters,
  builtinWorkflows,
  type ComfyuiClient,
  type ComfyuiEvents,
  ComfyuiExecutionError,
  createComfyuiClient,
  DEFAULT_WORKFLOW,
  defaultCheckpoint,
  loadWorkflowDir,
  reconcilePrompt,
  runPrompt,
  type Workflow,
} from '@tauceti/comfyui';
import type { ImagesStatus, WorkflowsResponse } from '@tauceti/contracts';
import type { Env } from '../env.ts';
import type { ComfyMemory } from '../gpu/gpu-card.ts';
import type { Store } from '../storage/create-store.ts';
import type { UploadFiles } from '../uploads/upload-files.ts';
import type { ImageFiles } from './image-files.ts';
import { type ImageBackend, ImageJobError } from './image-jobs.ts';

export interface ComfyuiBackendOptions {
  env: Pick<Env, 'COMFYUI_URL' | 'COMFYUI_CHECKPOINT' | 'COMFYUI_TIMEOUT' | 'DATA_DIR'>;
  store: Store;
  uploadFiles: UploadFiles;
  imageFiles: ImageFiles;
}

/** How long the list of checkpoints is trusted: new ones appear without a restart. */
const CHECKPOINTS_TTL_MS = 60_000;

const BUILTIN_DESCRIPTIONS: Record<string, string> = {
  sdxl: 'SDXL text to image, 1024 × 1024 (the default)',
  sd15: 'Stable Diffusion 1.5 text to image, 512 × 512',
  img2img: 'Image to image: starts from a picture you give',
};

export function createComfyuiBackend(options: ComfyuiBackendOptions) {
  const { env, store } = options;
  const baseUrl = env.COMFYUI_URL as string;
  const client: ComfyuiClient = createComfyuiClient({ baseUrl });
  let events: ComfyuiEvents | null = null;
  let checkpoints: { at: number; names: Promise<string[]> } | null = null;

  const availableCheckpoints = (signal?: AbortSignal) => {
    if (!checkpoints || Date.now() - checkpoints.at > CHECKPOINTS_TTL_MS) {
      const names = client.checkpoints(signal ? { signal } : {});
      checkpoints = { at: Date.now(), names };
      names.catch(() => (checkpoints = null));
    }
    return checkpoints.names;
  };

  async function workflows(): Promise<{ all: Map<string, { workflow: Workflow; source: 'builtin' | 'user' }>; errors: WorkflowsResponse['errors'] }> {
    const all = new Map<string, { workflow: Workflow; source: 'builtin' | 'user' }>();
    for (const workflow of Object.values(builtinWorkflows())) all.set(workflow.name, { workflow, source: 'builtin' });
    const user = await loadWorkflowDir(join(env.DATA_DIR, 'workflows'));
    for (const workflow of user.workflows) all.set(workflow.name, { workflow, source: 'user' });
    return { all, errors: user.errors };
  }

  /** The bytes of a picture of this server: a generated image or an upload. */
  async function inputImageBytes(imageId: string): Promise<{ bytes: Uint8Array; name: string }> {
    const generated = store.images.getImage(imageId);
    if (generated) return { bytes: await options.imageFiles.read(generated), name: `tauceti-${generated.sha256.slice(0, 16)}.${generated.mediaType.split('/')[1]}` };
    const upload = store.uploads.get(imageId);
    if (upload) return { bytes: await options.uploadFiles.read(upload.id), name: `tauceti-${upload.id}.${upload.mediaType.split('/')[1]}` };
    throw new ImageJobError('The picture to start from is gone: pick another one.');
  }

  const backend: ImageBackend = {
    async prepare(params, signal) {
      const { all } = await workflows();
      const name = params.workflow ?? (params.inputImageId ? 'img2img' : DEFAULT_WORKFLOW);
      const chosen = all.get(name);
      if (!chosen) throw new ImageJobError(`There is no workflow named '${name}'; there are: ${[...all.keys()].join(', ')}.`);
      const { workflow } = chosen;
      if (workflow.takesImage && !params.inputImageId) throw new ImageJobError(`The workflow '${name}' starts from a picture: attach one, or pick another workflow.`);
      const available = await availableCheckpoints(signal);
      // Built-ins use the configured (or first SDXL) checkpoint; a user's workflow keeps its own.
      const checkpoint = chosen.source === 'builtin' ? defaultCheckpoint(available, env.COMFYUI_CHECKPOINT).checkpoint : undefined;
      if (chosen.source === 'builtin' && !checkpoint) throw new ImageJobError('ComfyUI has no checkpoints installed: put one in ComfyUI/models/checkpoints.');
      let inputImage: string | undefined;
      if (params.inputImageId && workflow.takesImage) {
        const picture = await inputImageBytes(params.inputImageId);
        inputImage = (await client.uploadImage(picture.bytes, picture.name, { signal })).name;
      }
      const applied = applyParameters(workflow, {
        prompt: params.prompt,
        ...(params.negativePrompt !== undefined ? { negativePrompt: params.negativePrompt } : {}),
        ...(params.width ? { width: params.width } : {}),
        ...(params.height ? { height: params.height } : {}),
        ...(params.count ? { count: params.count } : {}),
        ...(params.seed !== undefined ? { seed: params.seed } : {}),
        ...(params.denoise !== undefined ? { denoise: params.denoise } : {}),
        ...(checkpoint ? { checkpoint } : {}),
        ...(inputImage ? { inputImage } : {}),
      });
      const used = applied.parameters;
      return {
        graph: applied.graph as Record<string, unknown>,
        workflow: workflow.name,
        checkpoint: used.checkpoint,
        seed: used.seed ?? 0,
        steps: used.steps,
        cfg: used.cfg,
        negativePrompt: used.negativePrompt ?? '',
      };
    },

    async run(graph, run) {
      events ??= client.events();
      try {
        const result = await runPrompt(client, events, graph as Parameters<typeof runPrompt>[2], {
          promptId: run.promptId,
          signal: run.signal,
          timeoutMs: env.COMFYUI_TIMEOUT * 1000,
          timeoutSettingName: 'COMFYUI_TIMEOUT',
          onProgress: (progress) => {
            if (progress.phase === 'preview') run.onProgress({ phase: 'preview', mediaType: progress.mime, bytes: progress.bytes });
            else if (progress.phase === 'queued') run.onProgress(progress);
            else run.onProgress({ phase: 'running', ...(progress.step !== undefined ? { step: progress.step } : {}), ...(progress.steps !== undefined ? { steps: progress.steps } : {}) });
          },
        });
        const images = [];
        for (const image of result.images) images.push((await client.view(image, { signal: run.signal })).bytes);
        return { images, durationMs: result.durationMs };
      } catch (error) {
        if (error instanceof ComfyuiExecutionError) throw new ImageJobError(error.message, error.nodeId, error.nodeType);
        throw error;
      }
    },

    async reconcile(promptId, signal) {
      const found = await reconcilePrompt(client, promptId, { signal });
      if (found.state === 'success') {
        const images = [];
        for (const image of found.images ?? []) images.push((await client.view(image, { signal })).bytes);
        return { state: 'success', images };
      }
      if (found.state === 'error') {
        const error = found.error;
        return { state: 'error', error: error instanceof ComfyuiExecutionError ? new ImageJobError(error.message, error.nodeId, error.nodeType) : (error ?? new Error('ComfyUI says the job failed.')) };
      }
      return { state: found.state };
    },
  };

  const memory: ComfyMemory = {
    async vram(signal) {
      const stats = await client.systemStats({ signal });
      const device = stats.devices.find((candidate) => candidate.type !== 'cpu');
      return device ? { vramTotal: device.vramTotal, vramFree: device.vramFree } : null;
    },
    free: (signal) => client.free({ unloadModels: true, freeMemory: true }, { signal }),
  };

  return {
    backend,
    memory,
    client,

    async workflowList(): Promise<WorkflowsResponse> {
      const { all, errors } = await workflows();
      return {
        workflows: [...all.values()].map(({ workflow, source }) => ({
          name: workflow.name,
          source,
          takesImage: workflow.takesImage,
          description: source === 'builtin' ? (BUILTIN_DESCRIPTIONS[workflow.name] ?? workflow.name) : `Your workflow ${workflow.name}.json`,
        })),
        defaultWorkflow: DEFAULT_WORKFLOW,
        errors,
      };
    },

    async status(): Promise<ImagesStatus['comfyui']> {
      const signal = AbortSignal.timeout(3000);
      try {
        const [stats, names] = await Promise.all([client.systemStats({ signal }), availableCheckpoints(signal)]);
        let checkpoint: string | null = null;
        let error: string | null = null;
        try {
          checkpoint = defaultCheckpoint(names, env.COMFYUI_CHECKPOINT).checkpoint;
        } catch (reason) {
          error = reason instanceof Error ? reason.message : String(reason);
        }
        return { url: baseUrl, reachable: true, version: stats.system.comfyuiVersion ?? null, error, checkpoint, checkpointSource: checkpoint ? (env.COMFYUI_CHECKPOINT ? 'setting' : 'auto') : null };
      } catch (reason) {
        return { url: baseUrl, reachable: false, version: null, error: reason instanceof Error ? reason.message : String(reason), checkpoint: null, checkpointSource: null };
      }
    },

    close() {
      events?.close();
    },
  };
}

export type ComfyuiBackend = ReturnType<typeof createComfyuiBackend>;
