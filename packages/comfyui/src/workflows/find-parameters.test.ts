import { describe, expect, it } from 'vitest';
import { builtinWorkflows, findParameters } from '../index.ts';
import { CONTROLNET, CUSTOM_SAMPLER, OPAQUE, SDXL_REFINER } from './__fixtures__/graphs.ts';

describe('findParameters', () => {
  it('finds every parameter of the built-in text-to-image workflows', () => {
    const expected = {
      prompt: { node: '6', input: 'text' },
      negativePrompt: { node: '7', input: 'text' },
      width: { node: '5', input: 'width' },
      height: { node: '5', input: 'height' },
      count: { node: '5', input: 'batch_size' },
      seed: { node: '3', input: 'seed' },
      steps: { node: '3', input: 'steps' },
      cfg: { node: '3', input: 'cfg' },
      denoise: { node: '3', input: 'denoise' },
      sampler: { node: '3', input: 'sampler_name' },
      scheduler: { node: '3', input: 'scheduler' },
      checkpoint: { node: '4', input: 'ckpt_name' },
    };
    const { sdxl, sd15 } = builtinWorkflows();
    expect(findParameters(sdxl.graph)).toEqual(expected);
    expect(findParameters(sd15.graph)).toEqual(expected);
  });

  it('finds the input image and no size in the built-in image-to-image workflow', () => {
    const found = findParameters(builtinWorkflows().img2img.graph);
    expect(found).toMatchObject({ prompt: { node: '6', input: 'text' }, inputImage: { node: '10', input: 'image' }, denoise: { node: '3', input: 'denoise' } });
    expect(found.width).toBeUndefined();
    expect(found.count).toBeUndefined();
  });

  it('follows the links of a KSamplerAdvanced graph whose prompts share one title, and picks the base stage', () => {
    expect(findParameters(SDXL_REFINER)).toEqual({
      prompt: { node: '6', input: 'text' },
      negativePrompt: { node: '7', input: 'text' },
      width: { node: '5', input: 'width' },
      height: { node: '5', input: 'height' },
      count: { node: '5', input: 'batch_size' },
      seed: { node: '10', input: 'noise_seed' },
      steps: { node: '10', input: 'steps' },
      cfg: { node: '10', input: 'cfg' },
      sampler: { node: '10', input: 'sampler_name' },
      scheduler: { node: '10', input: 'scheduler' },
      checkpoint: { node: '4', input: 'ckpt_name' },
    });
  });

  it('follows conditioning through ControlNet and timestep nodes, and the model through a LoRA', () => {
    expect(findParameters(CONTROLNET)).toMatchObject({
      prompt: { node: '3', input: 'text' },
      negativePrompt: { node: '4', input: 'text' },
      count: { node: '9', input: 'batch_size' },
      seed: { node: '10', input: 'seed' },
      checkpoint: { node: '1', input: 'ckpt_name' },
      inputImage: { node: '6', input: 'image' },
    });
  });

  it('finds the parameters of a custom sampler in the nodes that hold them', () => {
    expect(findParameters(CUSTOM_SAMPLER)).toEqual({
      prompt: { node: '2', input: 'text' },
      negativePrompt: { node: '3', input: 'text' },
      width: { node: '8', input: 'width' },
      height: { node: '8', input: 'height' },
      count: { node: '8', input: 'batch_size' },
      seed: { node: '5', input: 'noise_seed' },
      steps: { node: '7', input: 'steps' },
      cfg: { node: '4', input: 'cfg' },
      denoise: { node: '7', input: 'denoise' },
      sampler: { node: '6', input: 'sampler_name' },
      scheduler: { node: '7', input: 'scheduler' },
      checkpoint: { node: '1', input: 'ckpt_name' },
    });
  });

  it('finds a prompt that comes from a string node', () => {
    const graph = structuredClone(builtinWorkflows().sdxl.graph);
    graph['6']!.inputs.text = ['20', 0];
    graph['20'] = { class_type: 'PrimitiveStringMultiline', inputs: { value: 'from a primitive' } };
    expect(findParameters(graph).prompt).toEqual({ node: '20', input: 'value' });
  });

  it('tells the prompts apart by their titles when no sampler links them', () => {
    const graph = {
      '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'a.safetensors' } },
      '2': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['1', 1] }, _meta: { title: 'Negative prompt' } },
      '3': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['1', 1] }, _meta: { title: 'Prompt' } },
      '4': { class_type: 'OddSampler', inputs: { conditioning: ['3', 0], uncond: ['2', 0] } },
    };
    expect(findParameters(graph)).toMatchObject({ prompt: { node: '3', input: 'text' }, negativePrompt: { node: '2', input: 'text' } });
  });

  it('finds no prompt in a graph that takes it through a custom input', () => {
    expect(findParameters(OPAQUE).prompt).toBeUndefined();
  });
});
