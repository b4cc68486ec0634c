/**
 * The choices of a combo input spec, in both forms ComfyUI serialises: V1 `[[options…], {meta}]` and
 * V3 (`comfy_api/latest/_io.py`) `["COMBO", {"options": […]}]`.
 */

/** The options as strings, or null when `spec` is not a combo. */
export function comboOptions(spec: unknown): string[] | null {
  if (!Array.isArray(spec) || spec.length === 0) return null;
  const [first, second] = spec as unknown[];
  if (Array.isArray(first)) return first.map(String);
  if (first === 'COMBO' && second && typeof second === 'object' && 'options' in second && Array.isArray(second.options)) {
    return second.options.map(String);
  }
  return null;
}
