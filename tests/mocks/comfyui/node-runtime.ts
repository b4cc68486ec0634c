/**
 * What each node class does in the mock, with the time it takes: the checkpoint loader pays
 * `loadMs` when its model is not in VRAM, the sampler moves its model into VRAM and reports one
 * progress step per `stepMs`, SaveImage/PreviewImage render real PNGs named as `nodes.py` names them.
 */
import { createHash } from 'node:crypto';
import type { FileStore } from './file-store.ts';
import { hostileBytes, imageSize, renderPng, renderPreviewJpeg, type ImageRecipe } from './images.ts';
import type { ModelResidency } from './model-residency.ts';
import { newAddress, type ConditioningValue, type ImageValue, type LatentValue, type ModelValue } from './node-values.ts';
import { numeric, PyException, pyStr } from './python-format.ts';
import { pyJsonDumps, type PyDict } from './python-json.ts';
import { scenarioDefaults, type ComfyScenario } from './scenario.ts';

/** What a running node can use. */
export interface NodeRunContext {
  nodeId: string;
  classType: string;
  /** `input_data_all` (one list per input, usually of one value) minus the hidden ones. */
  inputs: Map<string, unknown[]>;
  /** The graph as queued (SaveImage writes it into the PNG). */
  prompt: PyDict;
  extraData: PyDict;
  scenario: ComfyScenario;
  files: FileStore;
  residency: ModelResidency;
  /** The node object (kept per id and class while the node stays in the graph). */
  object: Record<string, unknown>;
  hostileOutput?: 'svg' | 'html' | 'empty';
  /** Waits; rejects when the mock shuts down. */
  sleep(ms: number): Promise<void>;
  /** The sampler's progress hook (`comfy.utils.ProgressBar` → `hijack_progress`). */
  progress(value: number, total: number, preview: (() => Promise<Buffer>) | null): Promise<void>;
  /** Raises a CUDA OOM (the executor unloads every model, as ComfyUI does). */
  outOfMemory(): never;
}

export interface NodeResult {
  /** One list per output slot. */
  outputs: unknown[][];
  /** The node's UI output (`{"images": [...]}`) when it has one. */
  ui?: Map<string, unknown>;
}

type Runtime = (ctx: NodeRunContext) => Promise<NodeResult>;

const first = <T>(ctx: NodeRunContext, name: string): T => ctx.inputs.get(name)?.[0] as T;

const checkpointLoader: Runtime = async (ctx) => {
  const name = pyStr(first(ctx, 'ckpt_name'));
  const checkpoint = ctx.scenario.checkpoints.find((candidate) => candidate.name === name);
  if (!checkpoint) throw new PyException('FileNotFoundError', `Model in folder 'checkpoints' with filename '${name}' not found.`);
  if (!ctx.residency.isLoaded(name)) await ctx.sleep(checkpoint.loadMs ?? scenarioDefaults(ctx.scenario).modelLoadMs);
  const value = (kind: ModelValue['kind']): ModelValue => ({ kind, checkpoint: name, address: newAddress() });
  return { outputs: [[value('MODEL')], [value('CLIP')], [value('VAE')]] };
};

const textEncode: Runtime = async (ctx) => {
  const conditioning: ConditioningValue = { kind: 'CONDITIONING', text: pyStr(first(ctx, 'text')) };
  return { outputs: [[conditioning]] };
};

const emptyLatent: Runtime = async (ctx) => {
  const latent: LatentValue = {
    kind: 'LATENT',
    width: Math.floor(Number(numeric(first(ctx, 'width'))) / 8) * 8,
    height: Math.floor(Number(numeric(first(ctx, 'height'))) / 8) * 8,
    batch: Number(numeric(first(ctx, 'batch_size'))),
  };
  return { outputs: [[latent]] };
};

/** KSampler and KSamplerAdvanced: load the model into VRAM, then one progress step per `stepMs`. */
const sampler: Runtime = async (ctx) => {
  const model = first<ModelValue>(ctx, 'model');
  const latent = first<LatentValue>(ctx, 'latent_image');
  const positive = first<ConditioningValue>(ctx, 'positive');
  const advanced = ctx.classType === 'KSamplerAdvanced';
  const seed = String(numeric(first(ctx, advanced ? 'noise_seed' : 'seed')));
  const checkpoint = ctx.scenario.checkpoints.find((candidate) => candidate.name === model.checkpoint);
  if (checkpoint && !ctx.residency.isLoaded(checkpoint.name)) {
    if (ctx.scenario.oomWhenVramShort && !ctx.residency.fits(checkpoint, ctx.scenario)) ctx.outOfMemory();
    await ctx.sleep(checkpoint.vramLoadMs ?? 0);
    ctx.residency.load(checkpoint, ctx.scenario);
  } else if (checkpoint) ctx.residency.load(checkpoint, ctx.scenario);

  const steps = Number(numeric(first(ctx, 'steps')));
  // KSamplerAdvanced samples sigmas[start:end]: that many steps are reported.
  const total = advanced
    ? Math.max(0, Math.min(Number(numeric(first(ctx, 'end_at_step'))), steps) - Number(numeric(first(ctx, 'start_at_step'))))
    : steps;
  const { stepMs, previewMethod, previewSize } = scenarioDefaults(ctx.scenario);
  const recipe: ImageRecipe = { width: latent.width, height: latent.height, seed, text: positive.text, index: 0 };
  const started = performance.now();
  for (let step = 1; step <= total; step++) {
    await ctx.sleep(started + step * stepMs - performance.now());
    const preview = previewMethod === 'none' ? null : () => renderPreviewJpeg(recipe, step / total, previewSize);
    await ctx.progress(step, total, preview);
  }
  const out: LatentValue = { ...latent, seed, text: positive.text };
  return { outputs: [[out]] };
};

const vaeDecode: Runtime = async (ctx) => {
  const latent = first<LatentValue>(ctx, 'samples');
  const image: ImageValue = { kind: 'IMAGE', width: latent.width, height: latent.height, batch: latent.batch, seed: latent.seed ?? '0', text: latent.text ?? '' };
  return { outputs: [[image]] };
};

const vaeEncode: Runtime = async (ctx) => {
  const image = first<ImageValue>(ctx, 'pixels');
  const latent: LatentValue = { kind: 'LATENT', width: Math.floor(image.width / 8) * 8, height: Math.floor(image.height / 8) * 8, batch: image.batch };
  return { outputs: [[latent]] };
};

const loadImage: Runtime = async (ctx) => {
  const name = pyStr(first(ctx, 'image'));
  const file = ctx.files.resolveInput(name);
  if (!file) throw new PyException('FileNotFoundError', `[Errno 2] No such file or directory: '/ComfyUI/input/${name}'`);
  const size = await imageSize(file.bytes);
  if (!size) throw new PyException('PIL.UnidentifiedImageError', `cannot identify image file '/ComfyUI/input/${name}'`);
  const seed = createHash('sha256').update(file.bytes).digest('hex').slice(0, 16);
  const image: ImageValue = { kind: 'IMAGE', ...size, batch: 1, seed, text: '' };
  return { outputs: [[image], [{ kind: 'MASK', width: 64, height: 64 }]] };
};

/** SaveImage (type `output`) and PreviewImage (type `temp`, prefix `ComfyUI_temp_xxxxx`). */
const saveImage: Runtime = async (ctx) => {
  const images = first<ImageValue>(ctx, 'images');
  const isPreview = ctx.classType === 'PreviewImage';
  if (isPreview && ctx.object.prefixAppend === undefined) {
    const letters = 'abcdefghijklmnopqrstupvxyz'; // sic, as in nodes.py
    ctx.object.prefixAppend = `_temp_${Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
  }
  const prefix = (isPreview ? 'ComfyUI' : pyStr(first(ctx, 'filename_prefix') ?? 'ComfyUI')) + ((ctx.object.prefixAppend as string | undefined) ?? '');
  const type = isPreview ? 'temp' : 'output';
  const path = ctx.files.saveImagePath(prefix, type, images.width, images.height);
  if (!path) throw new PyException('Exception', '**** ERROR: Saving image outside the output folder is not allowed.');
  const pngText: Array<[string, string]> = [['prompt', pyJsonDumps(ctx.prompt)]];
  const extraPngInfo = ctx.extraData.get('extra_pnginfo');
  if (extraPngInfo instanceof Map) for (const [key, value] of extraPngInfo) pngText.push([key, pyJsonDumps(value)]);
  const { maxOutputPx } = ctx.scenario;
  const results: Array<Record<string, string>> = [];
  let counter = path.counter;
  for (let index = 0; index < images.batch; index++) {
    const filename = `${path.filename.replaceAll('%batch_num%', String(index))}_${String(counter).padStart(5, '0')}_.png`;
    const bytes = ctx.hostileOutput
      ? hostileBytes(ctx.hostileOutput)
      : await renderPng({ width: images.width, height: images.height, seed: images.seed, text: images.text, index }, pngText, maxOutputPx);
    ctx.files.put(type, path.subfolder, filename, bytes);
    results.push({ filename, subfolder: path.subfolder, type });
    counter++;
  }
  return { outputs: [], ui: new Map([['images', results]]) };
};

/** Node class → what it does. */
export const NODE_RUNTIME: Record<string, Runtime> = {
  CheckpointLoaderSimple: checkpointLoader,
  CLIPTextEncode: textEncode,
  EmptyLatentImage: emptyLatent,
  KSampler: sampler,
  KSamplerAdvanced: sampler,
  VAEDecode: vaeDecode,
  VAEEncode: vaeEncode,
  LoadImage: loadImage,
  SaveImage: saveImage,
  PreviewImage: saveImage,
};

/** `IS_CHANGED`: LoadImage hashes its file (a changed upload re-runs it); others have none. */
export function isChanged(classType: string, inputs: PyDict | undefined, files: FileStore): unknown {
  if (classType !== 'LoadImage') return false;
  const file = files.resolveInput(pyStr(inputs?.get('image')));
  return file ? createHash('sha256').update(file.bytes).digest('hex') : `missing:${Math.random()}`;
}
