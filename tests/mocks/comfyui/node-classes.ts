/**
 * The node classes the mock knows, as `nodes.py` (0.3.64) declares them: `INPUT_TYPES`,
 * `RETURN_TYPES`, `OUTPUT_NODE`, categories, display names and tooltips. Validation and
 * `/object_info` read these; what the nodes *do* is in `node-runtime.ts`.
 */
import { PyFloat, type PyValue } from './python-json.ts';

/** `(type,)` or `(type, {extra})`: a type name, or a V1 combo's option list. */
export type InputSpec = [type: string | string[]] | [type: string | string[], extra: Record<string, unknown>];

export interface InputTypes {
  required: Record<string, InputSpec>;
  optional?: Record<string, InputSpec>;
  hidden?: Record<string, string>;
}

/** What the option lists depend on. */
export interface NodeClassContext {
  checkpoints: string[];
  /** Image files in `input/` (top level), sorted, as LoadImage lists them. */
  inputImages: string[];
  comboFormat: 'v1' | 'v3';
  /** `folder_paths.exists_annotated_filepath` for LoadImage's VALIDATE_INPUTS. */
  inputFileExists(name: string): boolean;
}

export interface NodeClass {
  name: string;
  displayName: string;
  category: string;
  /** `DESCRIPTION`; `''` when the class has none. */
  description: string;
  outputNode: boolean;
  returnTypes: string[];
  returnNames?: string[];
  outputTooltips?: string[];
  inputTypes(ctx: NodeClassContext): InputTypes;
  /** `VALIDATE_INPUTS`: its argument names (they skip the built-in range/combo checks) and the check. */
  validateInputs?: { args: string[]; check(values: Record<string, PyValue>, ctx: NodeClassContext): true | string };
}

const MAX_RESOLUTION = 16384;
const SEED_MAX = 0xffff_ffff_ffff_ffffn;

/** `comfy/samplers.py` `KSampler.SAMPLERS` (0.3.64). */
export const SAMPLER_NAMES = [
  'euler', 'euler_cfg_pp', 'euler_ancestral', 'euler_ancestral_cfg_pp', 'heun', 'heunpp2', 'dpm_2', 'dpm_2_ancestral',
  'lms', 'dpm_fast', 'dpm_adaptive', 'dpmpp_2s_ancestral', 'dpmpp_2s_ancestral_cfg_pp', 'dpmpp_sde', 'dpmpp_sde_gpu',
  'dpmpp_2m', 'dpmpp_2m_cfg_pp', 'dpmpp_2m_sde', 'dpmpp_2m_sde_gpu', 'dpmpp_2m_sde_heun', 'dpmpp_2m_sde_heun_gpu',
  'dpmpp_3m_sde', 'dpmpp_3m_sde_gpu', 'ddpm', 'lcm', 'ipndm', 'ipndm_v', 'deis', 'res_multistep', 'res_multistep_cfg_pp',
  'res_multistep_ancestral', 'res_multistep_ancestral_cfg_pp', 'gradient_estimation', 'gradient_estimation_cfg_pp',
  'er_sde', 'seeds_2', 'seeds_3', 'sa_solver', 'sa_solver_pece', 'ddim', 'uni_pc', 'uni_pc_bh2',
];

/** `KSampler.SCHEDULERS`. */
export const SCHEDULER_NAMES = ['simple', 'sgm_uniform', 'karras', 'exponential', 'ddim_uniform', 'beta', 'normal', 'linear_quadratic', 'kl_optimal'];

/** A combo input in the scenario's format: V1 `(options, extra)` or V3 `("COMBO", {options…})`. */
function combo(ctx: NodeClassContext, options: string[], extra?: Record<string, unknown>): InputSpec {
  if (ctx.comboFormat === 'v3') return ['COMBO', { ...extra, multiselect: false, options }];
  return extra ? [options, extra] : [options];
}

const float = (value: number) => new PyFloat(value);

const SAMPLER_TOOLTIPS = {
  model: 'The model used for denoising the input latent.',
  seed: 'The random seed used for creating the noise.',
  steps: 'The number of steps used in the denoising process.',
  cfg: 'The Classifier-Free Guidance scale balances creativity and adherence to the prompt. Higher values result in images more closely matching the prompt however too high values will negatively impact quality.',
  sampler_name: 'The algorithm used when sampling, this can affect the quality, speed, and style of the generated output.',
  scheduler: 'The scheduler controls how noise is gradually removed to form the image.',
  positive: 'The conditioning describing the attributes you want to include in the image.',
  negative: 'The conditioning describing the attributes you want to exclude from the image.',
  latent_image: 'The latent image to denoise.',
  denoise: 'The amount of denoising applied, lower values will maintain the structure of the initial image allowing for image to image sampling.',
};

const SAVE_PREFIX_TOOLTIP =
  'The prefix for the file to save. This may include formatting information such as %date:yyyy-MM-dd% or %Empty Latent Image.width% to include values from nodes.';

const NODES: NodeClass[] = [
  {
    name: 'KSampler',
    displayName: 'KSampler',
    category: 'sampling',
    description: 'Uses the provided model, positive and negative conditioning to denoise the latent image.',
    outputNode: false,
    returnTypes: ['LATENT'],
    outputTooltips: ['The denoised latent.'],
    inputTypes: (ctx) => ({
      required: {
        model: ['MODEL', { tooltip: SAMPLER_TOOLTIPS.model }],
        seed: ['INT', { default: 0, min: 0, max: SEED_MAX, control_after_generate: true, tooltip: SAMPLER_TOOLTIPS.seed }],
        steps: ['INT', { default: 20, min: 1, max: 10000, tooltip: SAMPLER_TOOLTIPS.steps }],
        cfg: ['FLOAT', { default: float(8), min: float(0), max: float(100), step: float(0.1), round: float(0.01), tooltip: SAMPLER_TOOLTIPS.cfg }],
        sampler_name: combo(ctx, SAMPLER_NAMES, { tooltip: SAMPLER_TOOLTIPS.sampler_name }),
        scheduler: combo(ctx, SCHEDULER_NAMES, { tooltip: SAMPLER_TOOLTIPS.scheduler }),
        positive: ['CONDITIONING', { tooltip: SAMPLER_TOOLTIPS.positive }],
        negative: ['CONDITIONING', { tooltip: SAMPLER_TOOLTIPS.negative }],
        latent_image: ['LATENT', { tooltip: SAMPLER_TOOLTIPS.latent_image }],
        denoise: ['FLOAT', { default: float(1), min: float(0), max: float(1), step: float(0.01), tooltip: SAMPLER_TOOLTIPS.denoise }],
      },
    }),
  },
  {
    name: 'KSamplerAdvanced',
    displayName: 'KSampler (Advanced)',
    category: 'sampling',
    description: '',
    outputNode: false,
    returnTypes: ['LATENT'],
    inputTypes: (ctx) => ({
      required: {
        model: ['MODEL'],
        add_noise: combo(ctx, ['enable', 'disable']),
        noise_seed: ['INT', { default: 0, min: 0, max: SEED_MAX, control_after_generate: true }],
        steps: ['INT', { default: 20, min: 1, max: 10000 }],
        cfg: ['FLOAT', { default: float(8), min: float(0), max: float(100), step: float(0.1), round: float(0.01) }],
        sampler_name: combo(ctx, SAMPLER_NAMES),
        scheduler: combo(ctx, SCHEDULER_NAMES),
        positive: ['CONDITIONING'],
        negative: ['CONDITIONING'],
        latent_image: ['LATENT'],
        start_at_step: ['INT', { default: 0, min: 0, max: 10000 }],
        end_at_step: ['INT', { default: 10000, min: 0, max: 10000 }],
        return_with_leftover_noise: combo(ctx, ['disable', 'enable']),
      },
    }),
  },
  {
    name: 'CheckpointLoaderSimple',
    displayName: 'Load Checkpoint',
    category: 'loaders',
    description: 'Loads a diffusion model checkpoint, diffusion models are used to denoise latents.',
    outputNode: false,
    returnTypes: ['MODEL', 'CLIP', 'VAE'],
    outputTooltips: [
      'The model used for denoising latents.',
      'The CLIP model used for encoding text prompts.',
      'The VAE model used for encoding and decoding images to and from latent space.',
    ],
    inputTypes: (ctx) => ({
      required: { ckpt_name: combo(ctx, ctx.checkpoints, { tooltip: 'The name of the checkpoint (model) to load.' }) },
    }),
  },
  {
    name: 'CLIPTextEncode',
    displayName: 'CLIP Text Encode (Prompt)',
    category: 'conditioning',
    description:
      'Encodes a text prompt using a CLIP model into an embedding that can be used to guide the diffusion model towards generating specific images.',
    outputNode: false,
    returnTypes: ['CONDITIONING'],
    outputTooltips: ['A conditioning containing the embedded text used to guide the diffusion model.'],
    inputTypes: () => ({
      required: {
        text: ['STRING', { multiline: true, dynamicPrompts: true, tooltip: 'The text to be encoded.' }],
        clip: ['CLIP', { tooltip: 'The CLIP model used for encoding the text.' }],
      },
    }),
  },
  {
    name: 'EmptyLatentImage',
    displayName: 'Empty Latent Image',
    category: 'latent',
    description: 'Create a new batch of empty latent images to be denoised via sampling.',
    outputNode: false,
    returnTypes: ['LATENT'],
    outputTooltips: ['The empty latent image batch.'],
    inputTypes: () => ({
      required: {
        width: ['INT', { default: 512, min: 16, max: MAX_RESOLUTION, step: 8, tooltip: 'The width of the latent images in pixels.' }],
        height: ['INT', { default: 512, min: 16, max: MAX_RESOLUTION, step: 8, tooltip: 'The height of the latent images in pixels.' }],
        batch_size: ['INT', { default: 1, min: 1, max: 4096, tooltip: 'The number of latent images in the batch.' }],
      },
    }),
  },
  {
    name: 'VAEDecode',
    displayName: 'VAE Decode',
    category: 'latent',
    description: 'Decodes latent images back into pixel space images.',
    outputNode: false,
    returnTypes: ['IMAGE'],
    outputTooltips: ['The decoded image.'],
    inputTypes: () => ({
      required: {
        samples: ['LATENT', { tooltip: 'The latent to be decoded.' }],
        vae: ['VAE', { tooltip: 'The VAE model used for decoding the latent.' }],
      },
    }),
  },
  {
    name: 'VAEEncode',
    displayName: 'VAE Encode',
    category: 'latent',
    description: '',
    outputNode: false,
    returnTypes: ['LATENT'],
    inputTypes: () => ({ required: { pixels: ['IMAGE'], vae: ['VAE'] } }),
  },
  {
    name: 'SaveImage',
    displayName: 'Save Image',
    category: 'image',
    description: 'Saves the input images to your ComfyUI output directory.',
    outputNode: true,
    returnTypes: [],
    inputTypes: () => ({
      required: {
        images: ['IMAGE', { tooltip: 'The images to save.' }],
        filename_prefix: ['STRING', { default: 'ComfyUI', tooltip: SAVE_PREFIX_TOOLTIP }],
      },
      hidden: { prompt: 'PROMPT', extra_pnginfo: 'EXTRA_PNGINFO' },
    }),
  },
  {
    // A subclass of SaveImage in nodes.py: it inherits SaveImage's DESCRIPTION.
    name: 'PreviewImage',
    displayName: 'Preview Image',
    category: 'image',
    description: 'Saves the input images to your ComfyUI output directory.',
    outputNode: true,
    returnTypes: [],
    inputTypes: () => ({ required: { images: ['IMAGE'] }, hidden: { prompt: 'PROMPT', extra_pnginfo: 'EXTRA_PNGINFO' } }),
  },
  {
    name: 'LoadImage',
    displayName: 'Load Image',
    category: 'image',
    description: '',
    outputNode: false,
    returnTypes: ['IMAGE', 'MASK'],
    inputTypes: (ctx) => ({ required: { image: combo(ctx, ctx.inputImages, { image_upload: true }) } }),
    validateInputs: {
      args: ['s', 'image'],
      check: (values, ctx) => {
        const image = values.image;
        if (typeof image !== 'string' || !ctx.inputFileExists(image)) return `Invalid image file: ${String(image)}`;
        return true;
      },
    },
  },
];

/** `nodes.NODE_CLASS_MAPPINGS`, in registration order. */
export const NODE_CLASS_MAPPINGS: ReadonlyMap<string, NodeClass> = new Map(NODES.map((node) => [node.name, node]));

/** The sampler classes (they send `progress` per step). */
export const SAMPLER_CLASSES = new Set(['KSampler', 'KSamplerAdvanced']);

/** `get_input_info`: the input's type, category and extra info, or nulls for an unknown input. */
export function getInputInfo(
  types: InputTypes,
  name: string,
): { type: string | string[]; category: 'required' | 'optional'; extra: Record<string, unknown> } | null {
  for (const category of ['required', 'optional'] as const) {
    const spec = types[category]?.[name];
    if (spec) return { type: spec[0], category, extra: spec[1] ?? {} };
  }
  return null;
}
