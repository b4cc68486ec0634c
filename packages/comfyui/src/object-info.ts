/**
 * `GET /object_info[/{class}]`: the node classes ComfyUI has, and the checkpoints it can load
 * (the options of `CheckpointLoaderSimple.ckpt_name`).
 */
import { z } from 'zod';
import { comboOptions } from './combo-options.ts';
import { ComfyuiError } from './errors.ts';
import { requestJson, type RequestContext } from './request.ts';

/** One node class, as the editor sees it. Input specs are ComfyUI's own (`[type, {options}]`). */
export interface NodeClassInfo {
  name: string;
  displayName: string | null;
  category: string | null;
  /** Whether it is an output node (SaveImage, PreviewImage). */
  outputNode: boolean;
  input: { required: Record<string, unknown>; optional: Record<string, unknown> };
  /** Output types by slot, e.g. `["MODEL", "CLIP", "VAE"]`. */
  output: string[];
}

const classSchema = z
  .object({
    name: z.string().optional(),
    display_name: z.string().nullable().optional().catch(null),
    category: z.string().nullable().optional().catch(null),
    output_node: z.boolean().catch(false),
    input: z
      .object({ required: z.record(z.string(), z.unknown()).catch({}), optional: z.record(z.string(), z.unknown()).catch({}) })
      .loose()
      .catch({ required: {}, optional: {} }),
    output: z.array(z.unknown()).catch([]),
  })
  .loose();

const objectInfoSchema = z.record(z.string(), z.unknown());

/** Every class, or only `className` (an unknown class gives `{}`). */
export async function fetchObjectInfo(context: RequestContext, className?: string, signal?: AbortSignal): Promise<Record<string, NodeClassInfo>> {
  const path = className === undefined ? '/object_info' : `/object_info/${encodeURIComponent(className)}`;
  const body = await requestJson(context, { method: 'GET', path, schema: objectInfoSchema, signal });
  const result: Record<string, NodeClassInfo> = {};
  for (const [name, raw] of Object.entries(body)) {
    const parsed = classSchema.safeParse(raw);
    if (!parsed.success) continue;
    const info = parsed.data;
    result[name] = {
      name: info.name ?? name,
      displayName: info.display_name ?? null,
      category: info.category ?? null,
      outputNode: info.output_node,
      input: { required: info.input.required ?? {}, optional: info.input.optional ?? {} },
      output: info.output.map(String),
    };
  }
  return result;
}

/** The checkpoint file names ComfyUI can load, as `ckpt_name` takes them (subfolders included). */
export async function fetchCheckpoints(context: RequestContext, signal?: AbortSignal): Promise<string[]> {
  const info = await fetchObjectInfo(context, 'CheckpointLoaderSimple', signal);
  const loader = info.CheckpointLoaderSimple;
  const options = comboOptions(loader?.input.required.ckpt_name);
  if (!options) {
    const message = `ComfyUI at ${context.baseUrl} has no CheckpointLoaderSimple node with a ckpt_name list; it cannot load checkpoints this way.`;
    throw new ComfyuiError(message, { url: `${context.baseUrl}/object_info/CheckpointLoaderSimple`, code: 'invalid_response' });
  }
  return options;
}
