/**
 * `execution.py` `validate_prompt` / `validate_inputs` (0.3.64), ported line by line because the
 * quirks are what clients meet: a link to a missing node is an *exception* (`KeyError`), not a
 * `bad_linked_input`; the top-level `details` lists only the output node's own errors, so it is
 * `""` when the fault is upstream (a missing checkpoint) and the client must read `node_errors`;
 * a node failing under one output is also charged to every later failing output. Values are
 * converted in place (`cfg: 8` becomes `8.0`), so the queued graph is the converted one.
 */
import { getInputInfo, NODE_CLASS_MAPPINGS, type NodeClass, type NodeClassContext } from './node-classes.ts';
import { PyException, pyBool, pyFloat, pyInt, pyLess, pyRepr, pyStr, pyTypeName } from './python-format.ts';
import { isDict, type PyDict, type PyValue } from './python-json.ts';

/** One entry of `node_errors[...]["errors"]` (or the top-level `error`). */
export interface ValidationError {
  type: string;
  message: string;
  details: string;
  extra_info: Record<string, unknown>;
}

export interface NodeErrorEntry {
  errors: ValidationError[];
  dependent_outputs: string[];
  class_type: PyValue;
}

export type ValidationResult =
  | { ok: true; outputs: string[]; nodeErrors: Map<string, NodeErrorEntry> }
  | { ok: false; error: ValidationError; nodeErrors: Map<string, NodeErrorEntry> };

interface Verdict {
  valid: boolean;
  reasons: ValidationError[];
}

const error = (type: string, message: string, details: string, extraInfo: Record<string, unknown> = {}): ValidationError => ({
  type,
  message,
  details,
  extra_info: extraInfo,
});

/**
 * Validates `prompt` (the request's `prompt` value). Throws `PyException` where Python would
 * raise out of `validate_prompt` (aiohttp then answers 500).
 */
export function validatePrompt(prompt: PyValue, partialTargets: PyValue | undefined, ctx: NodeClassContext): ValidationResult {
  const outputs: string[] = [];
  const nodes = promptEntries(prompt);
  for (const [id, node] of nodes) {
    if (!hasMember(node, 'class_type')) {
      return { ok: false, error: error('invalid_prompt', 'Cannot execute because a node is missing the class_type property.', `Node ID '#${id}'`), nodeErrors: new Map() };
    }
    if (!isDict(node)) throw new PyException('TypeError', `${pyTypeName(node)} indices must be integers or slices, not str`);
    const classType = node.get('class_type');
    if (Array.isArray(classType) || isDict(classType)) throw new PyException('TypeError', `unhashable type: '${pyTypeName(classType)}'`);
    const nodeClass = typeof classType === 'string' ? NODE_CLASS_MAPPINGS.get(classType) : undefined;
    if (!nodeClass) {
      const message = `Cannot execute because node ${pyStr(classType)} does not exist.`;
      return { ok: false, error: error('invalid_prompt', message, `Node ID '#${id}'`), nodeErrors: new Map() };
    }
    if (nodeClass.outputNode && (partialTargets === undefined || partialTargets === null || hasMember(partialTargets, id))) outputs.push(id);
  }
  if (outputs.length === 0) return { ok: false, error: error('prompt_no_outputs', 'Prompt has no outputs', ''), nodeErrors: new Map() };

  const graph = prompt as PyDict;
  const goodOutputs: string[] = [];
  const failed: Array<[string, ValidationError[]]> = [];
  const nodeErrors = new Map<string, NodeErrorEntry>();
  const validated = new Map<string, Verdict>();
  for (const output of outputs) {
    let verdict: Verdict;
    try {
      verdict = validateInputs(graph, output, validated, [], ctx);
    } catch (caught) {
      const ex = asPyException(caught);
      verdict = {
        valid: false,
        reasons: [
          error('exception_during_validation', 'Exception when validating node', ex.message, {
            exception_type: ex.pyType,
            traceback: fakeTraceback('validate_prompt'),
          }),
        ],
      };
      validated.set(output, verdict);
    }
    if (verdict.valid) {
      goodOutputs.push(output);
      continue;
    }
    failed.push([output, verdict.reasons]);
    for (const [nodeId, result] of validated) {
      // Nodes downstream of a failure are invalid without reasons of their own; they are not listed.
      if (result.valid || result.reasons.length === 0) continue;
      let entry = nodeErrors.get(nodeId);
      if (!entry) {
        entry = { errors: result.reasons, dependent_outputs: [], class_type: (graph.get(nodeId) as PyDict).get('class_type') ?? null };
        nodeErrors.set(nodeId, entry);
      }
      entry.dependent_outputs.push(output);
    }
  }
  if (goodOutputs.length === 0) {
    const details = failed.flatMap(([, reasons]) => reasons.map((reason) => `${reason.message}: ${reason.details}`)).join('\n');
    return { ok: false, error: error('prompt_outputs_failed_validation', 'Prompt outputs failed validation', details), nodeErrors };
  }
  return { ok: true, outputs: goodOutputs, nodeErrors };
}

/** `for x in prompt` over whatever `prompt` is; only dicts (and empty containers) get far. */
function promptEntries(prompt: PyValue): Array<[string, PyValue]> {
  if (isDict(prompt)) return [...prompt];
  if ((Array.isArray(prompt) || typeof prompt === 'string') && prompt.length === 0) return [];
  if (Array.isArray(prompt)) throw new PyException('TypeError', `list indices must be integers or slices, not ${pyTypeName(prompt[0])}`);
  if (typeof prompt === 'string') throw new PyException('TypeError', 'string indices must be integers, not \'str\'');
  throw new PyException('TypeError', `'${pyTypeName(prompt)}' object is not iterable`);
}

/** Python's `key in container` for the containers JSON can hold. */
function hasMember(container: PyValue, key: string): boolean {
  if (isDict(container)) return container.has(key);
  if (typeof container === 'string') return container.includes(key);
  if (Array.isArray(container)) return container.some((item) => item === key);
  throw new PyException('TypeError', `argument of type '${pyTypeName(container)}' is not iterable`);
}

function validateInputs(prompt: PyDict, id: string, validated: Map<string, Verdict>, visiting: string[], ctx: NodeClassContext): Verdict {
  const known = validated.get(id);
  if (known) return known;
  // CPython would recurse until RecursionError; raising on the first revisit ends the same way.
  if (visiting.includes(id)) throw new PyException('RecursionError', 'maximum recursion depth exceeded');
  const node = prompt.get(id) as PyDict;
  if (!node.has('inputs')) throw new PyException('KeyError', "'inputs'");
  const inputs = node.get('inputs')!;
  const nodeClass = NODE_CLASS_MAPPINGS.get(node.get('class_type') as string)!;
  const types = nodeClass.inputTypes(ctx);
  const validateArgs = nodeClass.validateInputs?.args ?? [];
  const errors: ValidationError[] = [];
  let valid = true;

  for (const name of [...Object.keys(types.required), ...Object.keys(types.optional ?? {})]) {
    const info = getInputInfo(types, name)!;
    const config = [info.type, info.extra];
    if (!hasMember(inputs, name)) {
      if (info.category === 'required') errors.push(error('required_input_missing', 'Required input is missing', name, { input_name: name }));
      continue;
    }
    if (!isDict(inputs)) throw new PyException('TypeError', `${pyTypeName(inputs)} indices must be integers or slices, not str`);
    let value: PyValue = inputs.get(name)!;
    if (Array.isArray(value)) {
      if (value.length !== 2) {
        errors.push(
          error('bad_linked_input', 'Bad linked input, must be a length-2 list of [node_id, slot_index]', name, {
            input_name: name,
            input_config: config,
            received_value: value,
          }),
        );
        continue;
      }
      const linkedId = value[0]!;
      const receivedType = returnTypeAt(prompt, linkedId, value[1]!);
      if (!validateNodeInput(receivedType, info.type)) {
        errors.push(
          error('return_type_mismatch', 'Return type mismatch between linked nodes', `${name}, received_type(${receivedType}) mismatch input_type(${pyStr(info.type)})`, {
            input_name: name,
            input_config: config,
            received_type: receivedType,
            linked_node: value,
          }),
        );
        continue;
      }
      try {
        const upstream = validateInputs(prompt, linkedId as string, validated, [...visiting, id], ctx);
        if (!upstream.valid) valid = false;
      } catch (caught) {
        const ex = asPyException(caught);
        valid = false;
        validated.set(linkedId as string, {
          valid: false,
          reasons: [
            error('exception_during_inner_validation', 'Exception when validating inner node', ex.message, {
              input_name: name,
              input_config: config,
              exception_message: ex.message,
              exception_type: ex.pyType,
              traceback: fakeTraceback('validate_inputs'),
              linked_node: value,
            }),
          ],
        });
      }
      continue;
    }

    try {
      if (isDict(value) && value.has('__value__')) {
        value = value.get('__value__')!;
        inputs.set(name, value);
      }
      value = convert(info.type, value);
      inputs.set(name, value);
    } catch (caught) {
      const ex = asPyException(caught);
      errors.push(
        error('invalid_input_type', `Failed to convert an input value to a ${pyStr(info.type)} value`, `${name}, ${pyStr(value)}, ${ex.message}`, {
          input_name: name,
          input_config: config,
          received_value: value,
          exception_message: ex.message,
        }),
      );
      continue;
    }
    if (validateArgs.includes(name)) continue;
    const rangeError = checkRange(name, value, info.extra, config);
    if (rangeError) {
      errors.push(rangeError);
      continue;
    }
    const options = Array.isArray(info.type) ? info.type : info.type === 'COMBO' ? ((info.extra.options as string[] | undefined) ?? []) : null;
    if (options && !options.some((option) => option === value)) {
      const long = options.length > 20;
      const listInfo = long ? `(list of length ${options.length})` : pyRepr(options);
      errors.push(
        error('value_not_in_list', 'Value not in list', `${name}: '${pyStr(value)}' not in ${listInfo}`, {
          input_name: name,
          input_config: long ? null : config,
          received_value: value,
        }),
      );
    }
  }

  if (nodeClass.validateInputs) errors.push(...customValidation(nodeClass.name, inputs as PyDict, nodeClass.validateInputs, ctx));

  const verdict: Verdict = errors.length > 0 || !valid ? { valid: false, reasons: errors } : { valid: true, reasons: [] };
  validated.set(id, verdict);
  return verdict;
}

/** `r[val[1]]` after `prompt[val[0]]`, with the exceptions Python raises on the way. */
function returnTypeAt(prompt: PyDict, linkedId: PyValue, slot: PyValue): string {
  if (Array.isArray(linkedId) || isDict(linkedId)) throw new PyException('TypeError', `unhashable type: '${pyTypeName(linkedId)}'`);
  const linked = typeof linkedId === 'string' ? prompt.get(linkedId) : undefined;
  if (linked === undefined) throw new PyException('KeyError', pyRepr(linkedId));
  if (!isDict(linked)) throw new PyException('TypeError', 'string indices must be integers, not \'str\'');
  const returnTypes = NODE_CLASS_MAPPINGS.get(linked.get('class_type') as string)!.returnTypes;
  if (typeof slot !== 'number' && typeof slot !== 'boolean' && typeof slot !== 'bigint') {
    throw new PyException('TypeError', `tuple indices must be integers or slices, not ${pyTypeName(slot)}`);
  }
  let index = typeof slot === 'boolean' ? Number(slot) : Number(slot);
  if (index < 0) index += returnTypes.length;
  const type = returnTypes[index];
  if (type === undefined) throw new PyException('IndexError', 'tuple index out of range');
  return type;
}

/** `comfy_execution/validation.py` `validate_node_input` (non-strict). */
function validateNodeInput(received: string, input: string | string[]): boolean {
  if (received === input) return true;
  if (typeof input !== 'string') return false;
  const wanted = new Set(input.split(',').map((type) => type.trim()));
  return received.split(',').some((type) => wanted.has(type.trim()));
}

function convert(type: string | string[], value: PyValue): PyValue {
  if (type === 'INT') return pyInt(value);
  if (type === 'FLOAT') return pyFloat(value);
  if (type === 'STRING') return pyStr(value);
  if (type === 'BOOLEAN') return pyBool(value);
  return value;
}

function checkRange(name: string, value: PyValue, extra: Record<string, unknown>, config: unknown[]): ValidationError | null {
  const details = { input_name: name, input_config: config, received_value: value };
  if ('min' in extra && pyLess(value, extra.min)) {
    return error('value_smaller_than_min', `Value ${pyStr(value)} smaller than min of ${pyStr(extra.min)}`, name, details);
  }
  if ('max' in extra && pyLess(extra.max, value)) {
    return error('value_bigger_than_max', `Value ${pyStr(value)} bigger than max of ${pyStr(extra.max)}`, name, details);
  }
  return null;
}

/** `VALIDATE_INPUTS` through `_async_map_node_over_list`: links arrive as None; nothing to pass is a TypeError. */
function customValidation(
  className: string,
  inputs: PyDict,
  validate: NonNullable<NodeClass['validateInputs']>,
  ctx: NodeClassContext,
): ValidationError[] {
  const passed = validate.args.filter((arg) => inputs.has(arg));
  if (passed.length === 0) {
    const missing = validate.args.filter((arg) => arg !== 's');
    throw new PyException('TypeError', `${className}.VALIDATE_INPUTS() missing ${missing.length} required positional argument: ${missing.map((arg) => `'${arg}'`).join(', ')}`);
  }
  const values: Record<string, PyValue> = {};
  for (const arg of passed) {
    const value = inputs.get(arg)!;
    values[arg] = Array.isArray(value) ? null : value;
  }
  const result = validate.check(values, ctx);
  if (result === true) return [];
  return passed.map((arg) => error('custom_validation_failed', 'Custom validation failed for node', `${arg} - ${result}`, { input_name: arg }));
}

function asPyException(caught: unknown): PyException {
  if (caught instanceof PyException) return caught;
  throw caught;
}

/** A traceback shaped like `traceback.format_tb` output (the lines are illustrative). */
export function fakeTraceback(where: string): string[] {
  return [
    `  File "/ComfyUI/execution.py", line 1121, in ${where}\n    m = await validate_inputs(prompt_id, prompt, o, validated)\n`,
    '  File "/ComfyUI/execution.py", line 934, in validate_inputs\n    o_class_type = prompt[o_id][\'class_type\']\n',
  ];
}
