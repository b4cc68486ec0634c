/**
 * API-format graphs for tests: the SD 1.5 text-to-image graph of
 * `script_examples/websockets_api_example.py` (reference §2.10), and its img2img variant.
 */

export interface TextToImageOptions {
  /** @default 'v1-5-pruned-emaonly.ckpt' */
  checkpoint?: string;
  /** @default 'masterpiece best quality girl' */
  positive?: string;
  /** @default 'bad hands' */
  negative?: string;
  /** @default 8566257 */
  seed?: number | bigint;
  /** @default 20 */
  steps?: number;
  /** @default 8 */
  cfg?: number;
  /** @default 512 */
  width?: number;
  /** @default 512 */
  height?: number;
  /** @default 1 */
  batchSize?: number;
  /** @default 'ComfyUI' */
  filenamePrefix?: string;
  /** PreviewImage instead of SaveImage for node 9. @default false */
  preview?: boolean;
}

/** A plain-object graph: nodes 3 (KSampler), 4 (loader), 5 (latent), 6/7 (prompts), 8 (decode), 9 (save). */
export function textToImageWorkflow(options: TextToImageOptions = {}): Record<string, { class_type: string; inputs: Record<string, unknown> }> {
  return {
    '3': {
      class_type: 'KSampler',
      inputs: {
        seed: options.seed ?? 8566257,
        steps: options.steps ?? 20,
        cfg: options.cfg ?? 8,
        sampler_name: 'euler',
        scheduler: 'normal',
        denoise: 1,
        model: ['4', 0],
        positive: ['6', 0],
        negative: ['7', 0],
        latent_image: ['5', 0],
      },
    },
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: options.checkpoint ?? 'v1-5-pruned-emaonly.ckpt' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: options.width ?? 512, height: options.height ?? 512, batch_size: options.batchSize ?? 1 } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: options.positive ?? 'masterpiece best quality girl', clip: ['4', 1] } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: options.negative ?? 'bad hands', clip: ['4', 1] } },
    '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
    '9': options.preview
      ? { class_type: 'PreviewImage', inputs: { images: ['8', 0] } }
      : { class_type: 'SaveImage', inputs: { filename_prefix: options.filenamePrefix ?? 'ComfyUI', images: ['8', 0] } },
  };
}

/** The text-to-image graph with `LoadImage` (10) → `VAEEncode` (11) feeding the sampler at `denoise`. */
export function imageToImageWorkflow(image: string, options: TextToImageOptions & { denoise?: number } = {}) {
  const graph = textToImageWorkflow(options);
  graph['10'] = { class_type: 'LoadImage', inputs: { image } };
  graph['11'] = { class_type: 'VAEEncode', inputs: { pixels: ['10', 0], vae: ['4', 2] } };
  graph['3']!.inputs.latent_image = ['11', 0];
  graph['3']!.inputs.denoise = options.denoise ?? 0.6;
  delete graph['5'];
  return graph;
}
