/**
 * ComfyUI's `node_errors` (from `POST /prompt`), parsed, and the sentence a person reads for them:
 * "Checkpoint 'x' is not installed in ComfyUI; available: a, b".
 */
import { z } from 'zod';
import { comboOptions } from './combo-options.ts';

/** One input's complaint in a node error. */
export interface NodeInputError {
  /** e.g. `value_not_in_list`, `required_input_missing`, `value_bigger_than_max`. */
  type: string;
  message: string;
  details: string;
  /** `extra_info.input_name`, when ComfyUI names the input. */
  inputName: string | null;
  /** `extra_info.received_value`: what the graph gave. */
  receivedValue: unknown;
  /** The allowed values, from `extra_info.input_config`; null when absent (lists of more than 20 are left out). */
  options: string[] | null;
}

/** Everything wrong with one node. */
export interface NodeError {
  nodeId: string;
  classType: string | null;
  errors: NodeInputError[];
  /** The output nodes that cannot run because of this one. */
  dependentOutputs: string[];
}

const inputErrorSchema = z
  .object({
    type: z.string().catch('unknown'),
    message: z.string().catch(''),
    details: z.string().catch(''),
    extra_info: z
      .object({ input_name: z.string().optional(), received_value: z.unknown().optional(), input_config: z.unknown().optional() })
      .loose()
      .catch({}),
  })
  .loose();

const nodeErrorSchema = z
  .object({
    errors: z.array(z.unknown()).catch([]),
    dependent_outputs: z.array(z.union([z.string(), z.number()])).catch([]),
    class_type: z.string().nullable().catch(null),
  })
  .loose();

/** Parses `node_errors`; tolerant of the old `[]` form and of entries it cannot read (they are skipped). */
export function parseNodeErrors(raw: unknown): NodeError[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const result: NodeError[] = [];
  for (const [nodeId, value] of Object.entries(raw)) {
    const node = nodeErrorSchema.safeParse(value);
    if (!node.success) continue;
    const errors: NodeInputError[] = [];
    for (const item of node.data.errors) {
      const parsed = inputErrorSchema.safeParse(item);
      if (!parsed.success) continue;
      const extra = parsed.data.extra_info;
      errors.push({
        type: parsed.data.type,
        message: parsed.data.message,
        details: parsed.data.details,
        inputName: extra.input_name ?? null,
        receivedValue: extra.received_value,
        options: comboOptions(extra.input_config),
      });
    }
    result.push({ nodeId, classType: node.data.class_type, errors, dependentOutputs: node.data.dependent_outputs.map(String) });
  }
  return result;
}

/** Inputs that name a model file, and how to call that file in a sentence. */
const MODEL_INPUTS: Record<string, string> = {
  ckpt_name: 'Checkpoint',
  lora_name: 'LoRA',
  vae_name: 'VAE',
  control_net_name: 'ControlNet model',
  unet_name: 'Diffusion model',
  clip_name: 'Text encoder',
  upscale_model: 'Upscale model',
};

/** One sentence per problem, e.g. "Checkpoint 'x' is not installed in ComfyUI; available: a, b". */
export function describeNodeError(node: NodeError): string[] {
  const where = `${node.classType ?? 'node'} (node ${node.nodeId})`;
  if (node.errors.length === 0) return [`${where} is invalid`];
  return node.errors.map((error) => {
    const input = error.inputName;
    const received = typeof error.receivedValue === 'string' ? `'${error.receivedValue}'` : JSON.stringify(error.receivedValue);
    if (error.type === 'value_not_in_list' && input) {
      const available = describeOptions(error);
      const model = MODEL_INPUTS[input];
      if (model) return `${model} ${received} is not installed in ComfyUI; ${available}`;
      if (node.classType === 'LoadImage' && input === 'image') return `Input image ${received} is not in ComfyUI's input folder; upload it first`;
      return `${where}: ${received} is not an allowed value of ${input}; ${available}`;
    }
    if (error.type === 'required_input_missing' && input) return `${where} is missing its required input ${input}`;
    const detail = error.details && error.details !== error.message ? `: ${error.details}` : '';
    return `${where}${input ? ` input ${input}` : ''}: ${error.message || error.type}${detail}`;
  });
}

function describeOptions(error: NodeInputError): string {
  if (error.options) {
    if (error.options.length === 0) return 'none are installed';
    const shown = error.options.slice(0, 20).join(', ');
    return `available: ${shown}${error.options.length > 20 ? `, and ${error.options.length - 20} more` : ''}`;
  }
  // ComfyUI leaves out lists longer than 20 and writes "(list of length N)" in the details.
  const length = /\(list of length (\d+)\)/.exec(error.details)?.[1];
  return length ? `${length} are available (see the list in ComfyUI)` : 'see the list in ComfyUI';
}
