import { describe, expect, it } from 'vitest';
import { applyParameters, builtinWorkflows, parseWorkflow } from '../index.ts';
import { SDXL_REFINER } from './__fixtures__/graphs.ts';

describe('applyParameters', () => {
  it('sets the values on a copy and reports what will run', () => {
    const { sdxl } = builtinWorkflows();
    const { graph, parameters } = applyParameters(sdxl, {
      prompt: 'a red fox in snow',
      negativePrompt: 'blurry',
      width: 832,
      height: 1216,
      count: 2,
      seed: 1234,
      steps: 30,
      cfg: 6,
      checkpoint: 'juggernautXL.safetensors',
    });
    expect(graph['6']?.inputs.text).toBe('a red fox in snow');
    expect(graph['7']?.inputs.text).toBe('blurry');
    expect(graph['5']?.inputs).toMatchObject({ width: 832, height: 1216, batch_size: 2 });
    expect(graph['3']?.inputs).toMatchObject({ seed: 1234, steps: 30, cfg: 6 });
    expect(graph['4']?.inputs.ckpt_name).toBe('juggernautXL.safetensors');
    expect(sdxl.graph['6']?.inputs.text).toBe('');
    expect(parameters).toEqual({
      prompt: 'a red fox in snow',
      negativePrompt: 'blurry',
      width: 832,
      height: 1216,
      count: 2,
      seed: 1234,
      steps: 30,
      cfg: 6,
      denoise: 1,
      checkpoint: 'juggernautXL.safetensors',
      inputImage: null,
      sampler: 'dpmpp_2m',
      scheduler: 'karras',
    });
  });

  it('rounds sizes to multiples of 8 within 64…2048 and keeps the count within 1…4', () => {
    const { sd15 } = builtinWorkflows();
    expect(applyParameters(sd15, { prompt: 'x', width: 1003, height: 10, count: 9 }).parameters).toMatchObject({ width: 1000, height: 64, count: 4 });
    expect(applyParameters(sd15, { prompt: 'x', width: 5000, height: 2047, count: 0 }).parameters).toMatchObject({ width: 2048, height: 2048, count: 1 });
    expect(applyParameters(sd15, { prompt: 'x', width: 700 }, { maxSize: 640 }).parameters.width).toBe(640);
  });

  it('picks a random seed from 0 to 2^53−1 when none is given, and refuses one outside that range', () => {
    const { sdxl } = builtinWorkflows();
    const seeds = new Set(Array.from({ length: 5 }, () => applyParameters(sdxl, { prompt: 'x' }).parameters.seed));
    expect(seeds.size).toBe(5);
    for (const seed of seeds) expect(Number.isSafeInteger(seed) && seed !== null && seed >= 0).toBe(true);
    expect(() => applyParameters(sdxl, { prompt: 'x', seed: -1 })).toThrow(/seed must be a whole number from 0 to 9007199254740991/);
    expect(() => applyParameters(sdxl, { prompt: 'x', seed: 2 ** 53 })).toThrow(/seed/);
  });

  it('sets the seed wherever the workflow keeps it', () => {
    const workflow = parseWorkflow('refiner', SDXL_REFINER);
    const { graph, parameters } = applyParameters(workflow, { prompt: 'x', seed: 99 });
    expect(graph['10']?.inputs.noise_seed).toBe(99);
    expect(parameters).toMatchObject({ seed: 99, denoise: null, checkpoint: 'sd_xl_base_1.0.safetensors' });
  });

  it('takes an input image only in a workflow that has LoadImage, and requires one there', () => {
    const { sdxl, img2img } = builtinWorkflows();
    expect(() => applyParameters(sdxl, { prompt: 'x', inputImage: 'photo.png' })).toThrow("Workflow 'sdxl' takes no input image (it has no LoadImage)");
    expect(() => applyParameters(img2img, { prompt: 'x' })).toThrow("Workflow 'img2img' needs an input image");
    const { graph, parameters } = applyParameters(img2img, { prompt: 'x', inputImage: 'photo.png', width: 512 });
    expect(graph['10']?.inputs.image).toBe('photo.png');
    expect(parameters).toMatchObject({ inputImage: 'photo.png', denoise: 0.6, width: null, height: null, count: 1 });
  });

  it('refuses an empty prompt and values ComfyUI would reject', () => {
    const { sdxl } = builtinWorkflows();
    expect(() => applyParameters(sdxl, { prompt: '  ' })).toThrow(/prompt is empty/);
    expect(() => applyParameters(sdxl, { prompt: 'x', steps: 0 })).toThrow(/steps must be a whole number from 1 to 10000/);
    expect(() => applyParameters(sdxl, { prompt: 'x', denoise: 1.5 })).toThrow(/denoise must be from 0 to 1/);
    expect(() => applyParameters(sdxl, { prompt: 'x', width: Number.NaN })).toThrow(/width must be a number/);
  });
});
