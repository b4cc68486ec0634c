/**
 * `applyParameters`: a copy of a workflow's graph with the request's values set, each within what
 * ComfyUI and the GPU accept, and the values that will really be used (to store beside the image).
 */
import { getRandomValues } from 'node:crypto';
import { ComfyuiWorkflowError } from '../errors.ts';
import type { ApiGraph } from './api-graph.ts';
import type { ParameterName, Workflow } from './workflow.ts';

export interface WorkflowInput {
  prompt: string;
  /** Ignored when the workflow has no negative prompt. */
  negativePrompt?: string;
  /** Pixels; rounded to a multiple of 8 within 64…`maxSize`. Ignored without a size input (image-to-image). */
  width?: number;
  height?: number;
  /** Images per run (batch_size), 1…`maxCount`. */
  count?: number;
  /** 0…2^53−1. @default random */
  seed?: number;
  steps?: number;
  cfg?: number;
  /** A checkpoint name as `client.checkpoints()` lists it. */
  checkpoint?: string;
  /** The `name` `uploadImage` returned; required by, and only allowed for, workflows that take an image. */
  inputImage?: string;
  /** 0…1; how much of the input image is redrawn. */
  denoise?: number;
}

export interface ApplyParametersOptions {
  /** Largest width or height. @default 2048 */
  maxSize?: number;
  /** Most images per run. @default 4 */
  maxCount?: number;
}

/** The values the graph will run with; null where the workflow has no such parameter. */
export interface EffectiveParameters {
  prompt: string;
  negativePrompt: string | null;
  width: number | null;
  height: number | null;
  count: number;
  seed: number | null;
  steps: number | null;
  cfg: number | null;
  denoise: number | null;
  checkpoint: string | null;
  inputImage: string | null;
  sampler: string | null;
  scheduler: string | null;
}

export interface AppliedWorkflow {
  graph: ApiGraph;
  parameters: EffectiveParameters;
}

/** Throws `ComfyuiWorkflowError` for an empty prompt, out-of-range values, or an input image the workflow does not fit. */
export function applyParameters(workflow: Workflow, input: WorkflowInput, options: ApplyParametersOptions = {}): AppliedWorkflow {
  const maxSize = options.maxSize ?? 2048;
  const maxCount = options.maxCount ?? 4;
  const name = workflow.name;
  const graph = structuredClone(workflow.graph);
  const refs = workflow.parameters;
  const set = (parameter: ParameterName, value: unknown) => {
    const ref = refs[parameter];
    const node = ref && graph[ref.node];
    if (ref && node) node.inputs[ref.input] = value;
  };

  if (typeof input.prompt !== 'string' || input.prompt.trim() === '') throw new ComfyuiWorkflowError(name, 'The prompt is empty: say what the image should show.');
  set('prompt', input.prompt);
  if (input.negativePrompt !== undefined) set('negativePrompt', input.negativePrompt);
  if (input.width !== undefined) set('width', roundSize(name, 'width', input.width, maxSize));
  if (input.height !== undefined) set('height', roundSize(name, 'height', input.height, maxSize));
  if (input.count !== undefined) set('count', Math.min(maxCount, Math.max(1, Math.round(finite(name, 'count', input.count)))));
  set('seed', input.seed === undefined ? randomSeed() : checkSeed(name, input.seed));
  if (input.steps !== undefined) set('steps', inRange(name, 'steps', input.steps, 1, 10_000, true));
  if (input.cfg !== undefined) set('cfg', inRange(name, 'cfg', input.cfg, 0, 100, false));
  if (input.denoise !== undefined) set('denoise', inRange(name, 'denoise', input.denoise, 0, 1, false));
  if (input.checkpoint !== undefined) set('checkpoint', input.checkpoint);
  if (input.inputImage !== undefined) {
    if (!refs.inputImage) throw new ComfyuiWorkflowError(name, `Workflow '${name}' takes no input image (it has no LoadImage); use an image-to-image workflow such as img2img.`);
    set('inputImage', input.inputImage);
  } else if (refs.inputImage) {
    throw new ComfyuiWorkflowError(name, `Workflow '${name}' needs an input image: upload one and pass its name as inputImage.`);
  }

  const read = (parameter: ParameterName): unknown => {
    const ref = refs[parameter];
    return ref ? graph[ref.node]?.inputs[ref.input] : undefined;
  };
  const number = (parameter: ParameterName) => (typeof read(parameter) === 'number' ? (read(parameter) as number) : null);
  const string = (parameter: ParameterName) => (typeof read(parameter) === 'string' ? (read(parameter) as string) : null);
  return {
    graph,
    parameters: {
      prompt: input.prompt,
      negativePrompt: string('negativePrompt'),
      width: number('width'),
      height: number('height'),
      count: number('count') ?? 1,
      seed: number('seed'),
      steps: number('steps'),
      cfg: number('cfg'),
      denoise: number('denoise'),
      checkpoint: string('checkpoint'),
      inputImage: string('inputImage'),
      sampler: string('sampler'),
      scheduler: string('scheduler'),
    },
  };
}

/** Latent sizes are multiples of 8; below 64 nothing useful comes out, above `maxSize` the GPU suffers. */
function roundSize(name: string, what: string, value: number, maxSize: number): number {
  const rounded = Math.round(finite(name, what, value) / 8) * 8;
  return Math.min(Math.floor(maxSize / 8) * 8, Math.max(64, rounded));
}

function checkSeed(name: string, seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new ComfyuiWorkflowError(name, `The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; got ${seed}.`);
  }
  return seed;
}

/** 53 random bits: the largest seed a JSON number carries exactly. */
function randomSeed(): number {
  const [high = 0, low = 0] = getRandomValues(new Uint32Array(2));
  return (high >>> 11) * 2 ** 32 + low;
}

function inRange(name: string, what: string, value: number, min: number, max: number, whole: boolean): number {
  const number = finite(name, what, value);
  if (number < min || number > max || (whole && !Number.isInteger(number))) {
    throw new ComfyuiWorkflowError(name, `${what} must be ${whole ? 'a whole number ' : ''}from ${min} to ${max}; got ${value}.`);
  }
  return number;
}

function finite(name: string, what: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ComfyuiWorkflowError(name, `${what} must be a number; got ${String(value)}.`);
  return value;
}
