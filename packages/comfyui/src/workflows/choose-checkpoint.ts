/**
 * Checking a checkpoint name against what ComfyUI has, and choosing one when none is configured:
 * an SDXL-looking one first, since the default workflow is SDXL.
 */
import { ComfyuiWorkflowError } from '../errors.ts';

/**
 * The installed name `name` stands for: itself, or the one installed name that matches it without
 * folder, extension and case (`sd_xl_base_1.0` → `SDXL/sd_xl_base_1.0.safetensors`). Throws
 * `ComfyuiWorkflowError` listing what is installed otherwise.
 */
export function checkCheckpoint(name: string, available: string[]): string {
  if (available.includes(name)) return name;
  const matches = available.filter((candidate) => stem(candidate) === stem(name));
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  const listed = available.length === 0 ? 'none are installed (put one in ComfyUI/models/checkpoints)' : `available: ${listNames(available)}`;
  const ambiguous = matches.length > 1 ? ` It matches several: ${matches.join(', ')}; give the full name.` : '';
  throw new ComfyuiWorkflowError('checkpoint', `Checkpoint '${name}' is not installed in ComfyUI; ${listed}.${ambiguous}`);
}

export interface DefaultCheckpoint {
  /** Null when ComfyUI has none. */
  checkpoint: string | null;
  /** Why this one, in a sentence, for logs and the settings page. */
  reason: string;
}

/** The configured checkpoint (checked: a missing one throws), else the first whose name says XL, else the first. */
export function defaultCheckpoint(available: string[], configured?: string | null): DefaultCheckpoint {
  if (configured) return { checkpoint: checkCheckpoint(configured, available), reason: `'${configured}' is configured.` };
  const sdxl = available.find((name) => /xl/i.test(name));
  if (sdxl) return { checkpoint: sdxl, reason: `None is configured; '${sdxl}' is the first SDXL checkpoint (its name says XL).` };
  const first = available[0];
  if (first !== undefined) return { checkpoint: first, reason: `None is configured and none looks like SDXL; '${first}' is the first installed.` };
  return { checkpoint: null, reason: 'ComfyUI has no checkpoints installed: put one in ComfyUI/models/checkpoints.' };
}

/** `SDXL/Sd_XL_base_1.0.safetensors` → `sd_xl_base_1.0`. */
function stem(name: string): string {
  return (name.split(/[\\/]/).at(-1) ?? name).replace(/\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$/i, '').toLowerCase();
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 20).join(', ');
  return names.length > 20 ? `${shown}, and ${names.length - 20} more` : shown;
}
