/**
 * What flows between nodes in the mock: small descriptions instead of tensors, enough to size and
 * colour the output images, plus the `str()` ComfyUI shows for them in `current_inputs`.
 */

export interface ModelValue {
  kind: 'MODEL' | 'CLIP' | 'VAE';
  checkpoint: string;
  address: string;
}

export interface ConditioningValue {
  kind: 'CONDITIONING';
  text: string;
}

export interface LatentValue {
  kind: 'LATENT';
  /** Pixel size it decodes to (a multiple of 8, as the latent is 1/8 of it). */
  width: number;
  height: number;
  batch: number;
  /** Set once sampled: the seed (as text) and prompt that decide the picture. */
  seed?: string;
  text?: string;
}

export interface ImageValue {
  kind: 'IMAGE';
  width: number;
  height: number;
  batch: number;
  seed: string;
  text: string;
}

export interface MaskValue {
  kind: 'MASK';
  width: number;
  height: number;
}

export type NodeValue = ModelValue | ConditioningValue | LatentValue | ImageValue | MaskValue;

let nextAddress = 0x7f3a_2c00_0000;

/** A fake `id()` for object reprs, like `0x7f3a2c1b5e50`. */
export function newAddress(): string {
  nextAddress += 0x1b5e50;
  return `0x${nextAddress.toString(16)}`;
}

export function isNodeValue(value: unknown): value is NodeValue {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** `str(x)` of a node value as `format_value` puts it into `current_inputs`. */
export function reprNodeValue(value: NodeValue): string {
  switch (value.kind) {
    case 'MODEL':
      return `<comfy.model_patcher.ModelPatcher object at ${value.address}>`;
    case 'CLIP':
      return `<comfy.sd.CLIP object at ${value.address}>`;
    case 'VAE':
      return `<comfy.sd.VAE object at ${value.address}>`;
    case 'CONDITIONING':
      return "[[tensor([[[-0.3885,  0.0230, -0.0522,  ..., -0.4901, -0.3066,  0.0674]]]), {'pooled_output': tensor([[-0.6162, -0.4014, ...,  0.1232]])}]]";
    case 'LATENT':
      return `{'samples': tensor([[[[0., 0., 0.,  ..., 0., 0., 0.]]]])}`;
    case 'IMAGE':
      return 'tensor([[[[0.5137, 0.4980, 0.4745],\n          ...,\n          [0.2941, 0.3098, 0.3255]]]])';
    case 'MASK':
      return 'tensor([[[0., 0., 0.,  ..., 0., 0., 0.]]])';
  }
}
