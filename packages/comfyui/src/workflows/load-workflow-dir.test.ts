import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkflowDir } from '../index.ts';
import { EDITOR_FORMAT, OPAQUE, SDXL_REFINER } from './__fixtures__/graphs.ts';

describe('loadWorkflowDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tauceti-workflows-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('loads every workflow with its mapping and reports each bad file without giving up on the others', async () => {
    await writeFile(join(dir, 'refiner.json'), `\uFEFF${JSON.stringify(SDXL_REFINER)}`);
    await writeFile(join(dir, 'magic.json'), JSON.stringify(OPAQUE));
    await writeFile(join(dir, 'magic.mapping.json'), JSON.stringify({ prompt: { node: '1', input: 'prompt' } }));
    await writeFile(join(dir, 'editor.json'), JSON.stringify(EDITOR_FORMAT));
    await writeFile(join(dir, 'broken.json'), '{"3": {');
    await writeFile(join(dir, 'orphan.mapping.json'), '{}');
    await writeFile(join(dir, 'notes.txt'), 'not a workflow');

    const { workflows, errors } = await loadWorkflowDir(dir);
    expect(workflows.map((workflow) => [workflow.name, workflow.parameters.prompt])).toEqual([
      ['magic', { node: '1', input: 'prompt' }],
      ['refiner', { node: '6', input: 'text' }],
    ]);
    expect(errors).toEqual([
      { file: 'orphan.mapping.json', message: 'orphan.mapping.json has no orphan.json beside it; it is ignored.' },
      { file: 'broken.json', message: 'broken.json is not valid JSON.' },
      { file: 'editor.json', message: expect.stringContaining('Export (API)') },
    ]);
  });

  it('finds no workflows, and no errors, in a folder that does not exist', async () => {
    expect(await loadWorkflowDir(join(dir, 'missing'))).toEqual({ workflows: [], errors: [] });
  });
});
