import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario, SAMPLER_NAMES, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { post, queuePrompt } from './test-utils.ts';

describe('mock ComfyUI prompt validation', () => {
  let mock: MockComfyui;
  const submit = (body: unknown) => post(`${mock.url}/prompt`, body);

  beforeAll(async () => {
    mock = await startMockComfyui({ scenario: { ...defaultScenario(), stepMs: 0 } });
  });
  afterAll(() => mock.close());

  it('answers no_prompt when the body has no prompt', async () => {
    const res = await submit({ client_id: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} },
      node_errors: {},
    });
  });

  it('answers aiohttp 500 for a body that is not JSON', async () => {
    const res = await submit('{"prompt": ');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('500 Internal Server Error\n\nServer got itself in trouble');
  });

  it('names an unknown class_type, and a node without one, as invalid_prompt', async () => {
    const graph = textToImageWorkflow();
    graph['3']!.class_type = 'FooBar';
    expect(await (await submit({ prompt: graph })).json()).toEqual({
      error: { type: 'invalid_prompt', message: 'Cannot execute because node FooBar does not exist.', details: "Node ID '#3'", extra_info: {} },
      node_errors: {},
    });
    const missing = textToImageWorkflow() as Record<string, any>;
    delete missing['5'].class_type;
    const body = await (await submit({ prompt: missing })).json();
    expect(body.error).toEqual({ type: 'invalid_prompt', message: 'Cannot execute because a node is missing the class_type property.', details: "Node ID '#5'", extra_info: {} });
  });

  it('answers prompt_no_outputs for a graph without SaveImage or PreviewImage', async () => {
    const graph = textToImageWorkflow() as Record<string, unknown>;
    delete graph['9'];
    const res = await submit({ prompt: graph });
    expect([res.status, (await res.json()).error.type]).toEqual([400, 'prompt_no_outputs']);
  });

  it('refuses a prompt_id that is not a canonical lowercase UUID', async () => {
    for (const promptId of ['3F0D4C2E-7E0A-4A55-9B7C-6F1C2D3E4F50', '{3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50}', 'job-1', 42]) {
      const res = await submit({ prompt: textToImageWorkflow(), prompt_id: promptId });
      expect(res.status).toBe(400);
      expect((await res.json()).error.type).toBe('invalid_prompt_id');
    }
    const ok = await queuePrompt(mock.url, { prompt: textToImageWorkflow(), prompt_id: '3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50' });
    expect(ok.prompt_id).toBe('3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50');
  });

  it('reports a missing checkpoint as value_not_in_list on the loader, with an empty top-level details', async () => {
    const res = await submit({ prompt: textToImageWorkflow({ checkpoint: 'missing.safetensors' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
      node_errors: {
        '4': {
          errors: [
            {
              type: 'value_not_in_list',
              message: 'Value not in list',
              details: "ckpt_name: 'missing.safetensors' not in ['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors']",
              extra_info: {
                input_name: 'ckpt_name',
                input_config: [['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors'], { tooltip: 'The name of the checkpoint (model) to load.' }],
                received_value: 'missing.safetensors',
              },
            },
          ],
          dependent_outputs: ['9'],
          class_type: 'CheckpointLoaderSimple',
        },
      },
    });
  });

  it('shows a combo of more than 20 options as (list of length N) with input_config null', async () => {
    const graph = textToImageWorkflow();
    graph['3']!.inputs.sampler_name = 'warp_drive';
    const error = (await (await submit({ prompt: graph })).json()).node_errors['3'].errors[0];
    expect(error.details).toBe(`sampler_name: 'warp_drive' not in (list of length ${SAMPLER_NAMES.length})`);
    expect(error.extra_info.input_config).toBeNull();
  });

  it('checks min and max with the converted value, in Python number formatting', async () => {
    const graph = textToImageWorkflow({ steps: 0, cfg: 150 });
    graph['5']!.inputs.width = 8;
    const body = await (await submit({ prompt: graph })).json();
    const messages = body.node_errors['3'].errors.map((error: { message: string }) => error.message);
    expect(messages).toEqual(['Value 0 smaller than min of 1', 'Value 150.0 bigger than max of 100.0']);
    expect(body.node_errors['5'].errors[0]).toMatchObject({ type: 'value_smaller_than_min', details: 'width', extra_info: { received_value: 8 } });
  });

  it('names the output node own errors in the top-level details', async () => {
    const graph = textToImageWorkflow() as Record<string, any>;
    delete graph['9'].inputs.images;
    const body = await (await submit({ prompt: graph })).json();
    expect(body.error.details).toBe('Required input is missing: images');
    expect(body.node_errors['9'].errors[0]).toEqual({ type: 'required_input_missing', message: 'Required input is missing', details: 'images', extra_info: { input_name: 'images' } });
  });

  it('reports a link that is not [node, slot] as bad_linked_input, and a link to a missing node as an exception', async () => {
    const bad = textToImageWorkflow();
    bad['8']!.inputs.vae = ['4', 2, 'extra'];
    const badBody = await (await submit({ prompt: bad })).json();
    expect(badBody.node_errors['8'].errors[0]).toMatchObject({ type: 'bad_linked_input', details: 'vae', extra_info: { received_value: ['4', 2, 'extra'] } });

    const dangling = textToImageWorkflow();
    dangling['3']!.inputs.model = ['99', 0];
    const body = await (await submit({ prompt: dangling })).json();
    // KeyError('99') raised while validating node 3, caught by node 8 which links to it.
    expect(body.node_errors['3'].errors[0]).toMatchObject({
      type: 'exception_during_inner_validation',
      message: 'Exception when validating inner node',
      details: "'99'",
      extra_info: { input_name: 'samples', exception_type: 'KeyError', linked_node: ['3', 0] },
    });
  });

  it('reports a link to the wrong output type as return_type_mismatch', async () => {
    const graph = textToImageWorkflow();
    graph['8']!.inputs.vae = ['4', 0];
    const error = (await (await submit({ prompt: graph })).json()).node_errors['8'].errors[0];
    expect(error).toMatchObject({ type: 'return_type_mismatch', details: 'vae, received_type(MODEL) mismatch input_type(VAE)' });
  });

  it('reports a value that does not convert as invalid_input_type', async () => {
    const graph = textToImageWorkflow();
    graph['3']!.inputs.steps = 'twenty';
    const error = (await (await submit({ prompt: graph })).json()).node_errors['3'].errors[0];
    expect(error).toMatchObject({
      type: 'invalid_input_type',
      message: 'Failed to convert an input value to a INT value',
      details: "steps, twenty, invalid literal for int() with base 10: 'twenty'",
    });
  });

  it('accepts a graph with one good and one bad output, runs the good one and lists the bad one in node_errors', async () => {
    const graph = textToImageWorkflow() as Record<string, any>;
    graph['12'] = { class_type: 'SaveImage', inputs: { filename_prefix: 'broken', images: ['8', 5] } };
    const res = await submit({ prompt: graph });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body.node_errors)).toEqual(['12']);
    expect(body.node_errors['12'].errors[0]).toMatchObject({ type: 'exception_during_validation', details: 'tuple index out of range' });
    const entry = await mock.waitForPrompt(body.prompt_id);
    expect(entry.prompt[4]).toEqual(['9']);
  });

  it('takes a queue number even for a prompt that fails validation', async () => {
    const before = (await queuePrompt(mock.url, { prompt: textToImageWorkflow() })).number;
    await submit({ prompt: textToImageWorkflow({ checkpoint: 'missing.safetensors' }) });
    const after = (await queuePrompt(mock.url, { prompt: textToImageWorkflow() })).number;
    expect(after).toBe(before + 2);
  });

  it('accepts seeds up to 2^64 - 1 exactly and refuses one more', async () => {
    const graph = JSON.stringify({ prompt: textToImageWorkflow({ seed: 1 }) });
    const ok = await submit(graph.replace('"seed":1', '"seed":18446744073709551615'));
    expect(ok.status).toBe(200);
    const tooBig = await submit(graph.replace('"seed":1', '"seed":18446744073709551616'));
    const error = (await tooBig.json()).node_errors['3'].errors[0];
    expect(error.message).toBe('Value 18446744073709551616 bigger than max of 18446744073709551615');
  });
});
