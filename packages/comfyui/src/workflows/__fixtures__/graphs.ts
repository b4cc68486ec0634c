/**
 * API-format graphs as ComfyUI's "Export (API)" writes them (with `_meta` titles), for the
 * parameter-detection tests.
 */
import type { ApiGraph } from '../api-graph.ts';

/** ComfyUI's SDXL base + refiner example: two KSamplerAdvanced, the prompts' titles alike. */
export const SDXL_REFINER: ApiGraph = {
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd_xl_base_1.0.safetensors' }, _meta: { title: 'Load Checkpoint - BASE' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 1024, height: 1024, batch_size: 1 }, _meta: { title: 'Empty Latent Image' } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: 'evening sunset scenery blue sky nature', clip: ['4', 1] }, _meta: { title: 'CLIP Text Encode (Prompt)' } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: 'text, watermark', clip: ['4', 1] }, _meta: { title: 'CLIP Text Encode (Prompt)' } },
  '12': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd_xl_refiner_1.0.safetensors' }, _meta: { title: 'Load Checkpoint - REFINER' } },
  '15': { class_type: 'CLIPTextEncode', inputs: { text: 'evening sunset scenery blue sky nature', clip: ['12', 1] }, _meta: { title: 'CLIP Text Encode (Prompt)' } },
  '16': { class_type: 'CLIPTextEncode', inputs: { text: 'text, watermark', clip: ['12', 1] }, _meta: { title: 'CLIP Text Encode (Prompt)' } },
  '10': {
    class_type: 'KSamplerAdvanced',
    inputs: {
      add_noise: 'enable',
      noise_seed: 721897303308196,
      steps: 25,
      cfg: 8,
      sampler_name: 'euler',
      scheduler: 'normal',
      start_at_step: 0,
      end_at_step: 20,
      return_with_leftover_noise: 'enable',
      model: ['4', 0],
      positive: ['6', 0],
      negative: ['7', 0],
      latent_image: ['5', 0],
    },
    _meta: { title: 'KSampler (Advanced) - BASE' },
  },
  '11': {
    class_type: 'KSamplerAdvanced',
    inputs: {
      add_noise: 'disable',
      noise_seed: 0,
      steps: 25,
      cfg: 8,
      sampler_name: 'euler',
      scheduler: 'normal',
      start_at_step: 20,
      end_at_step: 10000,
      return_with_leftover_noise: 'disable',
      model: ['12', 0],
      positive: ['15', 0],
      negative: ['16', 0],
      latent_image: ['10', 0],
    },
    _meta: { title: 'KSampler (Advanced) - REFINER' },
  },
  '17': { class_type: 'VAEDecode', inputs: { samples: ['11', 0], vae: ['12', 2] }, _meta: { title: 'VAE Decode' } },
  '19': { class_type: 'SaveImage', inputs: { filename_prefix: 'ComfyUI', images: ['17', 0] }, _meta: { title: 'Save Image' } },
};

/** A KSampler behind ControlNetApplyAdvanced and a timestep range, with a LoRA between it and the checkpoint. */
export const CONTROLNET: ApiGraph = {
  '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'dreamshaper_8.safetensors' } },
  '2': { class_type: 'LoraLoader', inputs: { lora_name: 'x.safetensors', strength_model: 1, strength_clip: 1, model: ['1', 0], clip: ['1', 1] } },
  '3': { class_type: 'CLIPTextEncode', inputs: { text: 'a castle', clip: ['2', 1] }, _meta: { title: 'Positive' } },
  '4': { class_type: 'CLIPTextEncode', inputs: { text: 'blurry', clip: ['2', 1] }, _meta: { title: 'Negative' } },
  '5': { class_type: 'ConditioningSetTimestepRange', inputs: { start: 0, end: 0.8, conditioning: ['3', 0] } },
  '6': { class_type: 'LoadImage', inputs: { image: 'pose.png' } },
  '7': { class_type: 'ControlNetLoader', inputs: { control_net_name: 'openpose.safetensors' } },
  '8': {
    class_type: 'ControlNetApplyAdvanced',
    inputs: { strength: 1, start_percent: 0, end_percent: 1, positive: ['5', 0], negative: ['4', 0], control_net: ['7', 0], image: ['6', 0] },
  },
  '9': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 768, batch_size: 2 } },
  '10': {
    class_type: 'KSampler',
    inputs: { seed: 1, steps: 30, cfg: 6.5, sampler_name: 'dpmpp_2m', scheduler: 'karras', denoise: 1, model: ['2', 0], positive: ['8', 0], negative: ['8', 1], latent_image: ['9', 0] },
  },
  '11': { class_type: 'VAEDecode', inputs: { samples: ['10', 0], vae: ['1', 2] } },
  '12': { class_type: 'SaveImage', inputs: { filename_prefix: 'cn', images: ['11', 0] } },
};

/** The Flux-style custom sampler: the seed in RandomNoise, steps in BasicScheduler, the prompts in CFGGuider. */
export const CUSTOM_SAMPLER: ApiGraph = {
  '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd3.5_medium.safetensors' } },
  '2': { class_type: 'CLIPTextEncode', inputs: { text: 'a fox', clip: ['1', 1] } },
  '3': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['1', 1] } },
  '4': { class_type: 'CFGGuider', inputs: { cfg: 4.5, model: ['1', 0], positive: ['2', 0], negative: ['3', 0] } },
  '5': { class_type: 'RandomNoise', inputs: { noise_seed: 42 } },
  '6': { class_type: 'KSamplerSelect', inputs: { sampler_name: 'euler' } },
  '7': { class_type: 'BasicScheduler', inputs: { scheduler: 'simple', steps: 28, denoise: 1, model: ['1', 0] } },
  '8': { class_type: 'EmptySD3LatentImage', inputs: { width: 1024, height: 1024, batch_size: 1 } },
  '9': { class_type: 'SamplerCustomAdvanced', inputs: { noise: ['5', 0], guider: ['4', 0], sampler: ['6', 0], sigmas: ['7', 0], latent_image: ['8', 0] } },
  '10': { class_type: 'VAEDecode', inputs: { samples: ['9', 0], vae: ['1', 2] } },
  '11': { class_type: 'SaveImage', inputs: { filename_prefix: 'sd3', images: ['10', 0] } },
};

/** A custom node that takes the prompt as a plain input: nothing to detect. */
export const OPAQUE: ApiGraph = {
  '1': { class_type: 'MagicTextToImage', inputs: { prompt: 'a cat', seed: 5 } },
  '2': { class_type: 'SaveImage', inputs: { filename_prefix: 'magic', images: ['1', 0] } },
};

/** What the editor saves by default ("Save", not "Export (API)"). */
export const EDITOR_FORMAT = {
  last_node_id: 9,
  last_link_id: 9,
  nodes: [{ id: 3, type: 'KSampler', widgets_values: [156680208700286, 'randomize', 20, 8, 'euler', 'normal', 1] }],
  links: [[1, 4, 0, 3, 0, 'MODEL']],
  groups: [],
  config: {},
  extra: {},
  version: 0.4,
};
