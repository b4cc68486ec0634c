/**
 * A workflow Tau Ceti can run: an API-format graph and where its parameters live in it.
 */
import type { ApiGraph } from './api-graph.ts';

/** The parameters a workflow may take, in the names mapping files use. */
export const PARAMETER_NAMES = [
  'prompt',
  'negativePrompt',
  'width',
  'height',
  'count',
  'seed',
  'steps',
  'cfg',
  'denoise',
  'checkpoint',
  'inputImage',
  'sampler',
  'scheduler',
] as const;

export type ParameterName = (typeof PARAMETER_NAMES)[number];

/** One input of one node, e.g. `{ node: '6', input: 'text' }`. */
export interface ParameterRef {
  node: string;
  input: string;
}

/** What detection found: any parameter may be missing. */
export type DetectedParameters = Partial<Record<ParameterName, ParameterRef>>;

/** A usable workflow always has a prompt. */
export type WorkflowParameters = DetectedParameters & { prompt: ParameterRef };

export interface Workflow {
  /** The file name without `.json`, or the built-in's name. */
  name: string;
  graph: ApiGraph;
  parameters: WorkflowParameters;
  /** The parameters a mapping file placed (the others were detected). */
  mapped: ParameterName[];
  /** Whether it needs an input image (it has a LoadImage parameter): image-to-image. */
  takesImage: boolean;
}
