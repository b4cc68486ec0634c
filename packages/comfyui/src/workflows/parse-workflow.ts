/**
 * `parseWorkflow`: checks a workflow file (API format only), finds its parameters, and lets a
 * mapping file (`name.mapping.json`) place any of them by hand, overriding what was detected.
 */
import { ComfyuiWorkflowError } from '../errors.ts';
import { parseJson } from '../request.ts';
import type { ApiGraph, ApiNode } from './api-graph.ts';
import { findParameters } from './find-parameters.ts';
import { PARAMETER_NAMES, type DetectedParameters, type ParameterName, type ParameterRef, type Workflow } from './workflow.ts';

/** Names people write in mapping files for the parameters, besides the canonical ones. */
const ALIASES: Record<string, ParameterName> = {
  negative: 'negativePrompt',
  negative_prompt: 'negativePrompt',
  batch_size: 'count',
  input_image: 'inputImage',
  image: 'inputImage',
  ckpt_name: 'checkpoint',
  sampler_name: 'sampler',
};

const EXPORT_API_HINT = 'In ComfyUI, enable Dev mode in settings and use Workflow → Export (API), then save that file instead.';

/**
 * Throws `ComfyuiWorkflowError` for an editor-format file (with `nodes` and `links`), a graph that
 * is not `{ id: { class_type, inputs } }`, a bad mapping, or a graph whose prompt cannot be found.
 * `json` and `mapping` are parsed JSON values (a string is parsed first).
 */
export function parseWorkflow(name: string, json: unknown, mapping?: unknown): Workflow {
  const value = typeof json === 'string' ? parseJson(json) : json;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ComfyuiWorkflowError(name, `Workflow '${name}' is not a JSON object of nodes. ${EXPORT_API_HINT}`);
  }
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.nodes) && Array.isArray(record.links)) {
    throw new ComfyuiWorkflowError(name, `Workflow '${name}' is in ComfyUI's editor format, which ComfyUI's API cannot run. ${EXPORT_API_HINT}`);
  }
  // A saved POST /prompt body or history entry wraps the graph in "prompt".
  const graph = toGraph(name, isGraphLike(record.prompt) ? record.prompt : record);
  const detected = findParameters(graph);
  const { parameters, mapped } = applyMapping(name, graph, detected, mapping === undefined ? undefined : typeof mapping === 'string' ? parseJson(mapping) : mapping);
  const prompt = parameters.prompt;
  if (!prompt) {
    const message =
      `Workflow '${name}' has no prompt input Tau Ceti can find (no text encoder feeds a sampler's positive input). ` +
      `Add ${name}.mapping.json beside it, e.g. {"prompt":{"node":"6","input":"text"}}.`;
    throw new ComfyuiWorkflowError(name, message);
  }
  return { name, graph, parameters: { ...parameters, prompt }, mapped, takesImage: parameters.inputImage !== undefined };
}

function isGraphLike(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const nodes = Object.values(value);
  return nodes.length > 0 && nodes.every((node) => node && typeof node === 'object' && 'class_type' in node);
}

function toGraph(name: string, record: Record<string, unknown>): ApiGraph {
  const graph: ApiGraph = {};
  const bad: string[] = [];
  for (const [id, node] of Object.entries(record)) {
    const candidate = node as Partial<ApiNode> | null;
    if (!candidate || typeof candidate !== 'object' || typeof candidate.class_type !== 'string' || !candidate.inputs || typeof candidate.inputs !== 'object') {
      bad.push(id);
      continue;
    }
    graph[id] = candidate as ApiNode;
  }
  if (bad.length > 0 || Object.keys(graph).length === 0) {
    const which = bad.length > 0 ? `entries ${bad.slice(0, 5).join(', ')} are not nodes with class_type and inputs` : 'it has no nodes';
    throw new ComfyuiWorkflowError(name, `Workflow '${name}' is not an API-format graph: ${which}. ${EXPORT_API_HINT}`);
  }
  return structuredClone(graph);
}

/** Mapping entries replace detected ones; `null` removes one (the workflow then ignores that parameter). */
function applyMapping(name: string, graph: ApiGraph, detected: DetectedParameters, mapping: unknown): { parameters: DetectedParameters; mapped: ParameterName[] } {
  if (mapping === undefined || mapping === null) return { parameters: detected, mapped: [] };
  const where = `${name}.mapping.json`;
  if (typeof mapping !== 'object' || Array.isArray(mapping)) {
    throw new ComfyuiWorkflowError(name, `${where} must be an object such as {"prompt":{"node":"6","input":"text"}}.`);
  }
  const parameters: DetectedParameters = { ...detected };
  const mapped: ParameterName[] = [];
  for (const [key, entry] of Object.entries(mapping)) {
    const parameter = (PARAMETER_NAMES as readonly string[]).includes(key) ? (key as ParameterName) : ALIASES[key];
    if (!parameter) {
      throw new ComfyuiWorkflowError(name, `${where} names an unknown parameter '${key}'; known: ${PARAMETER_NAMES.join(', ')}.`);
    }
    if (entry === null) {
      delete parameters[parameter];
      mapped.push(parameter);
      continue;
    }
    parameters[parameter] = mappedRef(name, where, graph, key, entry);
    mapped.push(parameter);
  }
  return { parameters, mapped };
}

function mappedRef(name: string, where: string, graph: ApiGraph, key: string, entry: unknown): ParameterRef {
  const fields = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const node = typeof fields.node === 'number' ? String(fields.node) : fields.node;
  if (typeof node !== 'string' || typeof fields.input !== 'string') {
    throw new ComfyuiWorkflowError(name, `${where}: '${key}' must be {"node":"<id>","input":"<input name>"}.`);
  }
  const target = graph[node];
  if (!target) throw new ComfyuiWorkflowError(name, `${where}: '${key}' points at node ${node}, which the workflow does not have.`);
  if (!(fields.input in target.inputs)) {
    const inputs = Object.keys(target.inputs).join(', ') || 'none';
    throw new ComfyuiWorkflowError(name, `${where}: '${key}' points at input '${fields.input}' of ${target.class_type} (node ${node}), which has only: ${inputs}.`);
  }
  return { node, input: fields.input };
}
