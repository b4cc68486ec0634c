/**
 * Turns the body of a 400 from `POST /prompt` into a `ComfyuiValidationError` whose message says
 * what to fix, in words, not ComfyUI's error codes.
 */
import { ComfyuiValidationError } from './errors.ts';
import { describeNodeError, parseNodeErrors } from './node-errors.ts';

/** Reads `{"error": {type,message,details}, "node_errors": {…}}`, and the old `{"error": "no prompt"}` form. */
export function validationErrorFrom(url: string, body: unknown): ComfyuiValidationError {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const error = record.error;
  let type = 'invalid_prompt';
  let serverMessage = '';
  let details = '';
  if (typeof error === 'string') {
    serverMessage = error;
  } else if (error && typeof error === 'object') {
    const fields = error as Record<string, unknown>;
    if (typeof fields.type === 'string') type = fields.type;
    if (typeof fields.message === 'string') serverMessage = fields.message;
    if (typeof fields.details === 'string') details = fields.details;
  }
  const nodeErrors = parseNodeErrors(record.node_errors);
  const problems = nodeErrors.flatMap(describeNodeError);
  if (problems.length === 0) problems.push(withHint(type, serverMessage || 'no reason given', details));
  const message = `ComfyUI rejected the workflow: ${problems.join('; ')}.`;
  return new ComfyuiValidationError(message.replace(/\.\.$/, '.'), { url, type, serverMessage, details, nodeErrors });
}

function withHint(type: string, message: string, details: string): string {
  const text = details && details !== message ? `${message} (${details})` : message;
  if (type === 'prompt_no_outputs') return `${text}; add an output node such as SaveImage`;
  if (/does not exist/.test(message)) return `${text}; a custom node is missing: install it in ComfyUI or use another workflow`;
  return text;
}
