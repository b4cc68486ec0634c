/**
 * The built-in API-format workflows (PROTOCOLS.md §2.10): `sdxl` (the default), `sd15` and
 * `img2img`. Checkpoint names are placeholders: set `checkpoint` (see `defaultCheckpoint`).
 */
import type { ApiGraph } from './api-graph.ts';
import { parseWorkflow } from './parse-workflow.ts';
import type { Workflow } from './workflow.ts';

export type BuiltinWorkflowName = 'sdxl' | 'sd15' | 'img2img';

export const DEFAULT_WORKFLOW: BuiltinWorkflowName = 'sdxl';

interface TextToImageSettings {
  checkpoint: string;
  size: number;
  steps: number;
  cfg: number;
  sampler: string;
  scheduler: string;
}

/** The frontend's default graph shape: checkpoint → two prompts → KSampler → VAEDecode → SaveImage. */
function textToImage(settings: TextToImageSettings): ApiGraph {
  return {
    '3': {
      class_type: 'KSampler',
      inputs: {
        seed: 0,
        steps: settings.steps,
        cfg: settings.cfg,
        sampler_name: settings.sampler,
        scheduler: settings.scheduler,
        denoise: 1,
        model: ['4', 0],
        positive: ['6', 0],
        negative: ['7', 0],
        latent_image: ['5', 0],
      },
      _meta: { title: 'KSampler' },
    },
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: settings.checkpoint }, _meta: { title: 'Load Checkpoint' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: settings.size, height: settings.size, batch_size: 1 }, _meta: { title: 'Empty Latent Image' } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'Positive prompt' } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: 'text, watermark', clip: ['4', 1] }, _meta: { title: 'Negative prompt' } },
    '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] }, _meta: { title: 'VAE Decode' } },
    '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'tauceti', images: ['8', 0] }, _meta: { title: 'Save Image' } },
  };
}

const SDXL: TextToImageSettings = { checkpoint: 'sd_xl_base_1.0.safetensors', size: 1024, steps: 25, cfg: 7, sampler: 'dpmpp_2m', scheduler: 'karras' };
const SD15: TextToImageSettings = { checkpoint: 'v1-5-pruned-emaonly.ckpt', size: 512, steps: 20, cfg: 8, sampler: 'euler', scheduler: 'normal' };

/** SDXL text-to-image with LoadImage → VAEEncode as the latent, denoise 0.6. The size is the input image's. */
function imageToImage(): ApiGraph {
  const graph = textToImage(SDXL);
  delete graph['5'];
  graph['10'] = { class_type: 'LoadImage', inputs: { image: 'input.png' }, _meta: { title: 'Input image' } };
  graph['11'] = { class_type: 'VAEEncode', inputs: { pixels: ['10', 0], vae: ['4', 2] }, _meta: { title: 'VAE Encode' } };
  const sampler = graph['3'];
  if (sampler) Object.assign(sampler.inputs, { latent_image: ['11', 0], denoise: 0.6 });
  return graph;
}

/** Fresh copies of the built-ins, by name; change them freely. */
export function builtinWorkflows(): Record<BuiltinWorkflowName, Workflow> {
  return {
    sdxl: parseWorkflow('sdxl', textToImage(SDXL)),
    sd15: parseWorkflow('sd15', textToImage(SD15)),
    img2img: parseWorkflow('img2img', imageToImage()),
  };
}
