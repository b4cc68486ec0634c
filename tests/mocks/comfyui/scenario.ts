/**
 * Scenario data for the mock ComfyUI: the installed checkpoints, how long things take, the GPU,
 * previews, and scripted faults. Everything here is plain JSON-serialisable data, so scenarios can
 * live in `.json` files.
 */

/** One file in `models/checkpoints`. */
export interface MockCheckpoint {
  /** As `/models/checkpoints` lists it and `ckpt_name` names it, e.g. `v1-5-pruned-emaonly.ckpt`. */
  name: string;
  /** VRAM it takes once the sampler has loaded it (MODEL + CLIP + VAE). @default 2_132_000_000 */
  vramBytes?: number;
  /** Time `CheckpointLoaderSimple` takes to read it when it is not already in VRAM, in ms. @default scenario `modelLoadMs` */
  loadMs?: number;
  /** Time to move it back into VRAM after `/free {unload_models}` when the loader's output is still cached, in ms. @default 0 */
  vramLoadMs?: number;
  /** In VRAM when the scenario is applied (listed by `loadedModels`, counted in `/system_stats`). @default false */
  loaded?: boolean;
}

/** Which prompts a fault rule applies to; every given key must match. Checked at `POST /prompt`. */
export interface FaultMatch {
  /** Case-insensitive substring of any `CLIPTextEncode` text in the graph. */
  promptIncludes?: string;
  /** The request's `client_id`. */
  clientId?: string;
  /** A `ckpt_name` used in the graph. */
  checkpoint?: string;
}

/** How `POST /prompt` answers once the prompt is queued (the job runs either way). */
export interface PostPromptFault {
  /** Answer after this long (a client with a shorter timeout gives up while its job is queued). */
  delayMs?: number;
  /** `hang`: never answer (until the client leaves or the mock closes); `reset`: destroy the socket. */
  drop?: 'hang' | 'reset';
  /** Answer aiohttp's 500 **without** queueing, as a crash in `post_prompt` would. */
  crashBeforeQueue?: boolean;
}

/** An exception raised while a node runs, reported as `execution_error` (history `status_str: "error"`). */
export interface ExecutionErrorFault {
  /** The node: a node id (`"3"`) or a class_type (`"KSampler"`). @default the first sampler node */
  node?: string;
  /** For a sampler: raise at this step (steps before it report progress). @default raise as the node starts */
  atStep?: number;
  /** CUDA out of memory: `torch.OutOfMemoryError`, ComfyUI's OOM tips, and every model unloaded as ComfyUI does. */
  oom?: boolean;
  /** `full_type_name` of the exception. @default 'RuntimeError' (`'torch.OutOfMemoryError'` with `oom`) */
  exceptionType?: string;
  /** `str(exception)`; ComfyUI appends `"\n" + tips` (tips are empty unless `oom`). */
  exceptionMessage?: string;
}

/** Closes WebSockets mid-job (TCP reset, no close frame); the job keeps running and events to them are lost. */
export interface WsDropFault {
  /** The node (id or class_type) during which to drop. @default the first sampler node */
  node?: string;
  /** For a sampler: drop just before reporting this step. @default 1 */
  atStep?: number;
  /** Whose sockets: the prompt's `client_id` sockets, or every socket. @default 'client' */
  sockets?: 'client' | 'all';
}

/** One scripted fault. A rule is bound to a prompt when it is queued and counts against `times` then. */
export interface FaultRule {
  match?: FaultMatch;
  /** Prompts it applies to before it is used up (reset by `setScenario`). @default unlimited */
  times?: number;
  postPrompt?: PostPromptFault;
  executionError?: ExecutionErrorFault;
  wsDrop?: WsDropFault;
  /** SaveImage/PreviewImage write this instead of a PNG, under the same `.png` name (for content-sniffing tests). */
  hostileOutput?: 'svg' | 'html' | 'empty';
}

/** Everything the mock serves. */
export interface ComfyScenario {
  /** `comfyui_version` in `/system_stats`. @default '0.3.64' */
  version?: string;
  checkpoints: MockCheckpoint[];
  /** Other `models/<folder>` listings (`/models/loras`…); unknown folders answer 404. @default the stock folders, empty */
  modelFolders?: Record<string, string[]>;
  /** Time of one sampler step, in ms; a KSampler with `steps: 1000` and `stepMs: 2` sends 1,000 progress events in ~2 s. @default 2 */
  stepMs?: number;
  /** Default disk load time of a checkpoint, in ms (see `MockCheckpoint.loadMs`). @default 0 */
  modelLoadMs?: number;
  /** Extra time per node class, in ms, e.g. `{ "VAEDecode": 150 }`. @default {} */
  nodeMs?: Record<string, number>;
  /** `--preview-method`: with `none` (the stock default) no binary preview frames are sent. @default 'none' */
  previewMethod?: 'none' | 'auto' | 'latent2rgb' | 'taesd';
  /** `--preview-size`: previews fit in this square. @default 512 */
  previewSize?: number;
  /** Cap on the longest side of the PNGs actually rendered (aspect kept), for speed; history still names them as usual. @default none (the requested size) */
  maxOutputPx?: number;
  /** `vram_total` of the GPU, in bytes. @default 25_447_170_048 (an RTX 3090) */
  vramTotal?: number;
  /** VRAM other processes hold (Ollama…), taken from `vram_free`. Mutate it live to model them. @default 0 */
  externalVramBytes?: number;
  /** Raise a CUDA OOM in the sampler when the checkpoint does not fit next to `externalVramBytes`. @default false */
  oomWhenVramShort?: boolean;
  /** `cuda:0 NVIDIA GeForce RTX 3090 : cudaMallocAsync` unless set. */
  deviceName?: string;
  /** Combo inputs in `/object_info` as V1 `[[options], {meta}]` or V3 `["COMBO", {"options": [...]}]`. @default 'v1' */
  comboFormat?: 'v1' | 'v3';
  /** The server's `feature_flags` reply. @default `{"supports_preview_metadata": true, "max_upload_size": 104857600}` */
  featureFlags?: Record<string, unknown>;
  faults?: FaultRule[];
}

/** The stock model folders of `folder_paths.folder_names_and_paths`. */
export const STOCK_MODEL_FOLDERS = [
  'checkpoints',
  'configs',
  'loras',
  'vae',
  'text_encoders',
  'diffusion_models',
  'clip_vision',
  'style_models',
  'embeddings',
  'diffusers',
  'vae_approx',
  'controlnet',
  'gligen',
  'upscale_models',
  'custom_nodes',
  'hypernetworks',
  'photomaker',
  'classifiers',
];

/** SD 1.5 and SDXL base, neither in VRAM, fast timings, no previews, no faults. */
export function defaultScenario(): ComfyScenario {
  return {
    version: '0.3.64',
    checkpoints: [
      { name: 'v1-5-pruned-emaonly.ckpt', vramBytes: 2_132_000_000 },
      { name: 'sd_xl_base_1.0.safetensors', vramBytes: 6_938_000_000 },
    ],
    stepMs: 2,
    modelLoadMs: 0,
    previewMethod: 'none',
    faults: [],
  };
}

/** Resolved scenario values the runtime reads. */
export function scenarioDefaults(scenario: ComfyScenario) {
  return {
    version: scenario.version ?? '0.3.64',
    stepMs: scenario.stepMs ?? 2,
    modelLoadMs: scenario.modelLoadMs ?? 0,
    previewMethod: scenario.previewMethod ?? 'none',
    previewSize: scenario.previewSize ?? 512,
    vramTotal: scenario.vramTotal ?? 25_447_170_048,
    externalVramBytes: scenario.externalVramBytes ?? 0,
    deviceName: scenario.deviceName ?? 'cuda:0 NVIDIA GeForce RTX 3090 : cudaMallocAsync',
    comboFormat: scenario.comboFormat ?? 'v1',
    featureFlags: scenario.featureFlags ?? { supports_preview_metadata: true, max_upload_size: 104_857_600 },
  };
}

/** The VRAM a checkpoint takes. */
export function checkpointVram(checkpoint: MockCheckpoint): number {
  return checkpoint.vramBytes ?? 2_132_000_000;
}
