import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeComfyui, type FakeComfyui } from './__fixtures__/fake-comfyui.ts';
import { ComfyuiValidationError, createComfyuiClient } from './index.ts';
import { validationErrorFrom } from './validation-error.ts';

const URL = 'http://127.0.0.1:8188/prompt';

/** The body of PROTOCOLS.md §2.1 for a missing checkpoint. */
const MISSING_CHECKPOINT = {
  error: {
    type: 'prompt_outputs_failed_validation',
    message: 'Prompt outputs failed validation',
    details: "Value not in list: ckpt_name: 'missing.safetensors' not in ['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors']",
    extra_info: {},
  },
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
};

describe('validationErrorFrom', () => {
  it('says which checkpoint is missing and which are installed', () => {
    const error = validationErrorFrom(URL, MISSING_CHECKPOINT);
    expect(error.message).toBe("ComfyUI rejected the workflow: Checkpoint 'missing.safetensors' is not installed in ComfyUI; available: v1-5-pruned-emaonly.ckpt, sd_xl_base_1.0.safetensors.");
    expect(error).toMatchObject({ type: 'prompt_outputs_failed_validation', serverMessage: 'Prompt outputs failed validation', status: 400, code: 'validation', retryable: false });
    expect(error.nodeErrors).toEqual([
      {
        nodeId: '4',
        classType: 'CheckpointLoaderSimple',
        dependentOutputs: ['9'],
        errors: [
          {
            type: 'value_not_in_list',
            message: 'Value not in list',
            details: expect.stringContaining('ckpt_name'),
            inputName: 'ckpt_name',
            receivedValue: 'missing.safetensors',
            options: ['v1-5-pruned-emaonly.ckpt', 'sd_xl_base_1.0.safetensors'],
          },
        ],
      },
    ]);
  });

  it('says how many there are when ComfyUI left a long list out', () => {
    const body = structuredClone(MISSING_CHECKPOINT);
    const [inputError] = body.node_errors['4'].errors;
    if (!inputError) throw new Error('fixture');
    inputError.details = "ckpt_name: 'x' not in (list of length 37)";
    (inputError.extra_info as Record<string, unknown>).input_config = null;
    inputError.extra_info.received_value = 'x';
    expect(validationErrorFrom(URL, body).message).toBe("ComfyUI rejected the workflow: Checkpoint 'x' is not installed in ComfyUI; 37 are available (see the list in ComfyUI).");
  });

  it('reads V3 combo specs in input_config', () => {
    const body = structuredClone(MISSING_CHECKPOINT);
    const [inputError] = body.node_errors['4'].errors;
    if (!inputError) throw new Error('fixture');
    (inputError.extra_info as Record<string, unknown>).input_config = ['COMBO', { options: ['only.safetensors'] }];
    expect(validationErrorFrom(URL, body).nodeErrors[0]?.errors[0]?.options).toEqual(['only.safetensors']);
  });

  it('names the node and input for other per-input errors', () => {
    const error = validationErrorFrom(URL, {
      error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
      node_errors: {
        '3': {
          class_type: 'KSampler',
          dependent_outputs: ['9'],
          errors: [
            { type: 'value_bigger_than_max', message: 'Value 200 bigger than max of 100', details: 'cfg', extra_info: { input_name: 'cfg', received_value: 200 } },
            { type: 'required_input_missing', message: 'Required input is missing', details: 'model', extra_info: { input_name: 'model' } },
          ],
        },
        '10': {
          class_type: 'LoadImage',
          dependent_outputs: ['9'],
          errors: [{ type: 'value_not_in_list', message: 'Value not in list', details: '', extra_info: { input_name: 'image', received_value: 'gone.png', input_config: [['a.png'], {}] } }],
        },
      },
    });
    expect(error.message).toBe(
      'ComfyUI rejected the workflow: KSampler (node 3) input cfg: Value 200 bigger than max of 100: cfg; KSampler (node 3) is missing its required input model; ' +
        "Input image 'gone.png' is not in ComfyUI's input folder; upload it first.",
    );
  });

  it('explains errors that concern the whole graph', () => {
    const missingNode = validationErrorFrom(URL, {
      error: { type: 'invalid_prompt', message: 'Cannot execute because node FooBar does not exist.', details: "Node ID '#3'", extra_info: {} },
      node_errors: {},
    });
    expect(missingNode.message).toBe("ComfyUI rejected the workflow: Cannot execute because node FooBar does not exist. (Node ID '#3'); a custom node is missing: install it in ComfyUI or use another workflow.");
    const noOutputs = validationErrorFrom(URL, { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, node_errors: {} });
    expect(noOutputs.message).toBe('ComfyUI rejected the workflow: Prompt has no outputs; add an output node such as SaveImage.');
  });

  it("reads old servers' string errors and list-shaped node_errors", () => {
    const error = validationErrorFrom(URL, { error: 'no prompt', node_errors: [] });
    expect(error).toMatchObject({ type: 'invalid_prompt', serverMessage: 'no prompt', nodeErrors: [], message: 'ComfyUI rejected the workflow: no prompt.' });
  });
});

describe('queuePrompt on a 400', () => {
  let fake: FakeComfyui;
  beforeAll(async () => {
    fake = await startFakeComfyui();
  });
  afterAll(() => fake.close());

  it('throws a ComfyuiValidationError and does not look for the job or send again', async () => {
    fake.handle('POST /prompt', () => ({ status: 400, json: MISSING_CHECKPOINT }));
    const error = await createComfyuiClient({ baseUrl: fake.url })
      .queuePrompt({})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComfyuiValidationError);
    expect((error as Error).message).toContain("Checkpoint 'missing.safetensors' is not installed");
    expect(fake.requests.map((request) => request.path)).toEqual(['/prompt']);
  });
});
