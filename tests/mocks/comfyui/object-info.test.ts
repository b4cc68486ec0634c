import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario, SAMPLER_NAMES, SCHEDULER_NAMES, startMockComfyui, type MockComfyui } from './index.ts';
import { get } from './test-utils.ts';

describe('mock ComfyUI node and model listings', () => {
  let mock: MockComfyui;

  beforeAll(async () => {
    mock = await startMockComfyui();
  });
  afterAll(() => mock.close());

  it('lists the scenario checkpoints in the V1 combo form of CheckpointLoaderSimple', async () => {
    const body = await (await get(`${mock.url}/object_info/CheckpointLoaderSimple`)).json();
    expect(body).toEqual({
      CheckpointLoaderSimple: {
        input: { required: { ckpt_name: [['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors'], { tooltip: 'The name of the checkpoint (model) to load.' }] } },
        input_order: { required: ['ckpt_name'] },
        output: ['MODEL', 'CLIP', 'VAE'],
        output_is_list: [false, false, false],
        output_name: ['MODEL', 'CLIP', 'VAE'],
        name: 'CheckpointLoaderSimple',
        display_name: 'Load Checkpoint',
        description: 'Loads a diffusion model checkpoint, diffusion models are used to denoise latents.',
        python_module: 'nodes',
        category: 'loaders',
        output_node: false,
        output_tooltips: expect.any(Array),
      },
    });
  });

  it('switches combos to the V3 ["COMBO", {options}] form when the scenario asks', async () => {
    mock.setScenario({ ...defaultScenario(), comboFormat: 'v3', checkpoints: [{ name: 'only.safetensors' }] });
    const body = await (await get(`${mock.url}/object_info/CheckpointLoaderSimple`)).json();
    expect(body.CheckpointLoaderSimple.input.required.ckpt_name).toEqual(['COMBO', { tooltip: 'The name of the checkpoint (model) to load.', multiselect: false, options: ['only.safetensors'] }]);
    mock.setScenario(defaultScenario());
  });

  it('lists the sampler and scheduler names, the seed range and float defaults of KSampler', async () => {
    const text = await (await get(`${mock.url}/object_info/KSampler`)).text();
    expect(text).toContain('"max": 18446744073709551615');
    expect(text).toContain('"cfg": ["FLOAT", {"default": 8.0, "min": 0.0, "max": 100.0, "step": 0.1, "round": 0.01');
    const required = JSON.parse(text).KSampler.input.required;
    expect(required.sampler_name[0]).toEqual(SAMPLER_NAMES);
    expect(required.scheduler[0]).toEqual(SCHEDULER_NAMES);
  });

  it('answers {} for an unknown class and lists every known one in /object_info', async () => {
    expect(await (await get(`${mock.url}/object_info/Unknown`)).json()).toEqual({});
    const all = await (await get(`${mock.url}/api/object_info`)).json();
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['KSampler', 'KSamplerAdvanced', 'CheckpointLoaderSimple', 'CLIPTextEncode', 'EmptyLatentImage', 'VAEDecode', 'VAEEncode', 'SaveImage', 'PreviewImage', 'LoadImage']));
    expect(all.SaveImage.output_node).toBe(true);
    expect(all.SaveImage.input.hidden).toEqual({ prompt: 'PROMPT', extra_pnginfo: 'EXTRA_PNGINFO' });
  });

  it('lists checkpoints in /models/checkpoints and answers 404 for an unknown folder', async () => {
    expect(await (await get(`${mock.url}/models/checkpoints`)).json()).toEqual(['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors']);
    expect(await (await get(`${mock.url}/models/loras`)).json()).toEqual([]);
    expect((await get(`${mock.url}/models/not_a_folder`)).status).toBe(404);
    expect(await (await get(`${mock.url}/models`)).json()).toContain('checkpoints');
  });

  it('reports the system and the GPU in /system_stats', async () => {
    const stats = await (await get(`${mock.url}/system_stats`)).json();
    expect(stats.system).toMatchObject({ os: 'posix', comfyui_version: '0.3.64', embedded_python: false });
    expect(stats.devices[0]).toEqual({
      name: 'cuda:0 NVIDIA GeForce RTX 3090 : cudaMallocAsync',
      type: 'cuda',
      index: 0,
      vram_total: 25_447_170_048,
      vram_free: 25_447_170_048,
      torch_vram_total: 0,
      torch_vram_free: 0,
    });
  });
});
