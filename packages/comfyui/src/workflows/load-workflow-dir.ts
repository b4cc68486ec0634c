/**
 * Reads the user's workflows from a folder (DATA_DIR/workflows): every `name.json` with its optional
 * `name.mapping.json`. One bad file is reported and skipped; the others still load.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ComfyuiWorkflowError } from '../errors.ts';
import { parseJson } from '../request.ts';
import { parseWorkflow } from './parse-workflow.ts';
import type { Workflow } from './workflow.ts';

export interface WorkflowFileError {
  /** The file name, e.g. `portrait.json`. */
  file: string;
  message: string;
}

export interface LoadWorkflowDirResult {
  /** By name. */
  workflows: Workflow[];
  errors: WorkflowFileError[];
}

const MAPPING_SUFFIX = '.mapping.json';

/** A folder that does not exist holds no workflows (not an error). Other read failures of the folder throw. */
export async function loadWorkflowDir(dir: string): Promise<LoadWorkflowDirResult> {
  let files: string[];
  try {
    files = (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { workflows: [], errors: [] };
    throw error;
  }
  const workflows: Workflow[] = [];
  const errors: WorkflowFileError[] = [];
  const names = new Set(files.filter((file) => file.endsWith('.json') && !file.endsWith(MAPPING_SUFFIX)).map((file) => file.slice(0, -'.json'.length)));
  for (const file of files.filter((candidate) => candidate.endsWith(MAPPING_SUFFIX))) {
    if (!names.has(file.slice(0, -MAPPING_SUFFIX.length))) errors.push({ file, message: `${file} has no ${file.slice(0, -MAPPING_SUFFIX.length)}.json beside it; it is ignored.` });
  }
  for (const name of names) {
    const file = `${name}.json`;
    try {
      const json = await readJson(dir, file, name);
      const mappingFile = `${name}${MAPPING_SUFFIX}`;
      const mapping = files.includes(mappingFile) ? await readJson(dir, mappingFile, name) : undefined;
      workflows.push(parseWorkflow(name, json, mapping));
    } catch (error) {
      errors.push({ file, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { workflows, errors };
}

async function readJson(dir: string, file: string, name: string): Promise<unknown> {
  const text = await readFile(join(dir, file), 'utf8');
  const value = parseJson(text.replace(/^\uFEFF/, '')); // editors on Windows write a BOM
  if (value === undefined) throw new ComfyuiWorkflowError(name, `${file} is not valid JSON.`);
  return value;
}
