import { describe, expect, it, vi } from 'vitest';
import { ImageWorkflowsState } from './image-workflows.svelte.ts';

const response = {
  workflows: [
    { name: 'sdxl', source: 'builtin' as const, takesImage: false, description: 'SDXL text to image.' },
    { name: 'img2img', source: 'builtin' as const, takesImage: true, description: 'Starts from an image.' },
  ],
  defaultWorkflow: 'sdxl',
  errors: [{ file: 'broken.json', message: 'is in the editor format; export it in the API format' }],
};

describe('ImageWorkflowsState', () => {
  it('loads the list once and keeps it', async () => {
    const load = vi.fn(async () => response);
    const workflows = new ImageWorkflowsState({ load });
    await Promise.all([workflows.ensureLoaded(), workflows.ensureLoaded()]);
    await workflows.ensureLoaded();
    expect(load).toHaveBeenCalledTimes(1);
    expect(workflows.workflows.map((workflow) => workflow.name)).toEqual(['sdxl', 'img2img']);
    expect(workflows.defaultWorkflow).toBe('sdxl');
    expect(workflows.problems[0]?.file).toBe('broken.json');
  });

  it('tries again on the next open after a failed load', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('ComfyUI is not reachable.')).mockResolvedValueOnce(response);
    const workflows = new ImageWorkflowsState({ load });
    await workflows.ensureLoaded();
    expect(workflows.error).toBe('ComfyUI is not reachable.');
    await workflows.ensureLoaded();
    expect(workflows.error).toBeNull();
    expect(workflows.workflows).toHaveLength(2);
  });
});
