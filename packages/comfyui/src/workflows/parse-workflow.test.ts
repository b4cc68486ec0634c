import { describe, expect, it } from 'vitest';
import { ComfyuiWorkflowError, parseWorkflow } from '../index.ts';
import { EDITOR_FORMAT, OPAQUE, SDXL_REFINER } from './__fixtures__/graphs.ts';

describe('parseWorkflow', () => {
  it('refuses an editor-format file and says how to export the API format', () => {
    const error = (() => {
      try {
        parseWorkflow('portrait', EDITOR_FORMAT);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ComfyuiWorkflowError);
    expect(error).toMatchObject({ workflow: 'portrait', code: 'workflow' });
    expect((error as Error).message).toBe(
      "Workflow 'portrait' is in ComfyUI's editor format, which ComfyUI's API cannot run. In ComfyUI, enable Dev mode in settings and use Workflow → Export (API), then save that file instead.",
    );
  });

  it('refuses a graph whose prompt it cannot find, pointing at a mapping file', () => {
    expect(() => parseWorkflow('magic', OPAQUE)).toThrow(/Workflow 'magic' has no prompt input .*Add magic\.mapping\.json beside it, e\.g\. \{"prompt":\{"node":"6","input":"text"\}\}/);
  });

  it('accepts that graph with a mapping that places the prompt', () => {
    const workflow = parseWorkflow('magic', OPAQUE, { prompt: { node: 1, input: 'prompt' }, seed: { node: '1', input: 'seed' } });
    expect(workflow.parameters).toEqual({ prompt: { node: '1', input: 'prompt' }, seed: { node: '1', input: 'seed' } });
    expect(workflow.mapped).toEqual(['prompt', 'seed']);
    expect(workflow.takesImage).toBe(false);
  });

  it('lets a mapping override detected parameters and switch one off, keeping the rest detected', () => {
    const mapping = { prompt: { node: '15', input: 'text' }, seed: { node: '11', input: 'noise_seed' }, negative_prompt: null };
    const workflow = parseWorkflow('refiner', JSON.stringify(SDXL_REFINER), JSON.stringify(mapping));
    expect(workflow.parameters.prompt).toEqual({ node: '15', input: 'text' });
    expect(workflow.parameters.seed).toEqual({ node: '11', input: 'noise_seed' });
    expect(workflow.parameters.negativePrompt).toBeUndefined();
    expect(workflow.parameters.width).toEqual({ node: '5', input: 'width' });
    expect(workflow.mapped).toEqual(['prompt', 'seed', 'negativePrompt']);
  });

  it('refuses a mapping that names an unknown parameter, node or input', () => {
    expect(() => parseWorkflow('r', SDXL_REFINER, { colour: { node: '6', input: 'text' } })).toThrow(/unknown parameter 'colour'; known: prompt, negativePrompt/);
    expect(() => parseWorkflow('r', SDXL_REFINER, { prompt: { node: '99', input: 'text' } })).toThrow(/node 99, which the workflow does not have/);
    expect(() => parseWorkflow('r', SDXL_REFINER, { prompt: { node: '6', input: 'txt' } })).toThrow(/input 'txt' of CLIPTextEncode \(node 6\), which has only: text, clip/);
    expect(() => parseWorkflow('r', SDXL_REFINER, { prompt: '6.text' })).toThrow(/must be \{"node":"<id>","input":"<input name>"\}/);
  });

  it('unwraps a saved POST /prompt body and refuses things that are not graphs', () => {
    expect(parseWorkflow('wrapped', { prompt: SDXL_REFINER, client_id: 'x' }).parameters.prompt).toEqual({ node: '6', input: 'text' });
    expect(() => parseWorkflow('list', [1, 2])).toThrow(/is not a JSON object of nodes/);
    expect(() => parseWorkflow('bad', { '1': { inputs: {} } })).toThrow(/entries 1 are not nodes with class_type and inputs/);
  });

  it('keeps its own copy of the graph', () => {
    const graph = structuredClone(SDXL_REFINER);
    const workflow = parseWorkflow('copy', graph);
    graph['6']!.inputs.text = 'changed';
    expect(workflow.graph['6']?.inputs.text).toBe('evening sunset scenery blue sky nature');
  });
});
