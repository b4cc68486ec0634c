/**
 * Finds where a graph takes its parameters by following links from the sampler, the way a person
 * reads it: the CLIPTextEncode feeding `positive` is the prompt (through simple conditioning nodes
 * such as ControlNetApply), the one feeding `negative` the negative prompt, the latent source gives
 * the size, and the sampler (or the nodes of a custom sampler) holds seed, steps, cfg and denoise.
 */
import { isLink, linkedNode, type ApiGraph, type ApiNode } from './api-graph.ts';
import type { DetectedParameters, ParameterRef } from './workflow.ts';

interface Found {
  id: string;
  node: ApiNode;
}

/** How far to follow a chain of links before giving up on it. */
const MAX_DEPTH = 6;

export function findParameters(graph: ApiGraph): DetectedParameters {
  const ids = Object.keys(graph).sort(byNodeId);
  const found: DetectedParameters = {};
  const sampler = pickSampler(graph, ids);

  if (sampler) {
    const positive = traceText(graph, sampler.node.inputs.positive, 'positive');
    const negative = traceText(graph, sampler.node.inputs.negative, 'negative');
    if (positive) found.prompt = positive;
    if (negative && !(positive && sameRef(positive, negative))) found.negativePrompt = negative;
  }
  if (!found.prompt) Object.assign(found, promptsByTitle(graph, ids));

  const latent = sampler ? traceLatent(graph, sampler.node.inputs.latent_image) : undefined;
  const sizeNode = latent?.size ?? (latent?.encoder ? undefined : firstNode(graph, ids, (node) => /Empty.*Latent/i.test(node.class_type) && hasNumbers(node, 'width', 'height')));
  if (sizeNode) {
    found.width = { node: sizeNode.id, input: 'width' };
    found.height = { node: sizeNode.id, input: 'height' };
    if (typeof sizeNode.node.inputs.batch_size === 'number') found.count = { node: sizeNode.id, input: 'batch_size' };
  }
  const image = (latent?.encoder && traceImage(graph, latent.encoder.node.inputs.pixels)) || firstNode(graph, ids, isLoadImage);
  if (image) found.inputImage = { node: image.id, input: 'image' };

  const settings = [
    ['seed', ['seed', 'noise_seed'], 'number'],
    ['steps', ['steps'], 'number'],
    ['cfg', ['cfg'], 'number'],
    ['denoise', ['denoise'], 'number'],
    ['sampler', ['sampler_name'], 'string'],
    ['scheduler', ['scheduler'], 'string'],
  ] as const;
  for (const [name, inputs, kind] of settings) {
    const ref = (sampler && literalRef(graph, sampler, inputs, kind)) || firstLiteral(graph, ids, inputs, kind);
    if (ref) found[name] = ref;
  }

  const loader = (sampler && traceModel(graph, sampler.node.inputs.model)) || firstNode(graph, ids, (node) => typeof node.inputs.ckpt_name === 'string');
  if (loader) found.checkpoint = { node: loader.id, input: 'ckpt_name' };
  return found;
}

/**
 * The node that consumes both conditionings and is not itself feeding another such node (a
 * ControlNetApplyAdvanced also takes positive/negative). Of several (a refiner, a hires-fix pass),
 * the first stage: the one whose latent comes from an empty latent or an encoded image.
 */
function pickSampler(graph: ApiGraph, ids: string[]): Found | undefined {
  const consumers = ids.filter((id) => {
    const inputs = graph[id]?.inputs ?? {};
    return isLink(inputs.positive) && isLink(inputs.negative);
  });
  const feeding = new Set(consumers.flatMap((id) => [graph[id]?.inputs.positive, graph[id]?.inputs.negative]).filter(isLink).map((link) => String(link[0])));
  const score = (id: string) => {
    const inputs = graph[id]?.inputs ?? {};
    const latent = traceLatent(graph, inputs.latent_image);
    return (latent?.size || latent?.encoder ? 4 : 0) + ('seed' in inputs || 'noise_seed' in inputs ? 2 : 0) + ('latent_image' in inputs ? 1 : 0);
  };
  const best = consumers.filter((id) => !feeding.has(id)).sort((a, b) => score(b) - score(a) || byNodeId(a, b))[0];
  const node = best === undefined ? undefined : graph[best];
  return best !== undefined && node ? { id: best, node } : undefined;
}

/** Follows a conditioning link back to the text it encodes. */
function traceText(graph: ApiGraph, link: unknown, role: 'positive' | 'negative'): ParameterRef | undefined {
  let current = linkedNode(graph, link);
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    const { inputs } = current.node;
    if (typeof inputs.text === 'string') return { node: current.id, input: 'text' };
    if (isLink(inputs.text)) {
      // The text comes from a string node (PrimitiveStringMultiline and the like).
      const source = linkedNode(graph, inputs.text);
      const input = source && ['value', 'text', 'string', 'prompt'].find((name) => typeof source.node.inputs[name] === 'string');
      return source && input ? { node: source.id, input } : undefined;
    }
    // Through a conditioning node only when the way is unambiguous.
    const conditioningLinks = Object.entries(inputs).filter(([name, value]) => /^conditioning/.test(name) && isLink(value));
    const next = isLink(inputs[role]) ? inputs[role] : conditioningLinks.length === 1 ? conditioningLinks[0]?.[1] : undefined;
    current = linkedNode(graph, next);
  }
  return undefined;
}

/** Where a sampler's latent comes from: a node with a size, or a VAEEncode (image-to-image). */
function traceLatent(graph: ApiGraph, link: unknown): { size?: Found; encoder?: Found } | undefined {
  let current = linkedNode(graph, link);
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    const { inputs } = current.node;
    if (hasNumbers(current.node, 'width', 'height')) return { size: current };
    if (isLink(inputs.pixels)) return { encoder: current };
    current = linkedNode(graph, inputs.samples);
  }
  return undefined;
}

/** From VAEEncode's pixels back through image nodes (ImageScale…) to a LoadImage. */
function traceImage(graph: ApiGraph, link: unknown): Found | undefined {
  let current = linkedNode(graph, link);
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    if (isLoadImage(current.node)) return current;
    current = linkedNode(graph, current.node.inputs.image ?? current.node.inputs.pixels);
  }
  return undefined;
}

/** From the sampler's model back through LoRA loaders to the checkpoint loader. */
function traceModel(graph: ApiGraph, link: unknown): Found | undefined {
  let current = linkedNode(graph, link);
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    if (typeof current.node.inputs.ckpt_name === 'string') return current;
    current = linkedNode(graph, current.node.inputs.model);
  }
  return undefined;
}

/** Without a sampler to follow: CLIPTextEncode nodes told apart by their `_meta` titles. */
function promptsByTitle(graph: ApiGraph, ids: string[]): DetectedParameters {
  const encoders = ids.filter((id) => typeof graph[id]?.inputs.text === 'string' && isLink(graph[id]?.inputs.clip));
  const isNegative = (id: string) => /negative|\bneg\b/i.test(graph[id]?._meta?.title ?? '');
  const positives = encoders.filter((id) => !isNegative(id));
  const negatives = encoders.filter(isNegative);
  const result: DetectedParameters = {};
  const positive = positives.length === 1 ? positives[0] : positives.find((id) => /positive|prompt/i.test(graph[id]?._meta?.title ?? ''));
  if (positive !== undefined) result.prompt = { node: positive, input: 'text' };
  if (positive !== undefined && negatives.length === 1 && negatives[0] !== undefined) result.negativePrompt = { node: negatives[0], input: 'text' };
  return result;
}

/** The node's own literal input, or the literal behind a one-hop link (a seed node). */
function literalRef(graph: ApiGraph, found: Found, inputs: readonly string[], kind: 'number' | 'string'): ParameterRef | undefined {
  for (const input of inputs) {
    const value = found.node.inputs[input];
    if (typeof value === kind) return { node: found.id, input };
    const source = linkedNode(graph, value);
    if (source) {
      const sourceInput = [input, 'value', 'seed', 'noise_seed', 'int', 'number'].find((name) => typeof source.node.inputs[name] === kind);
      if (sourceInput) return { node: source.id, input: sourceInput };
    }
  }
  return undefined;
}

function firstLiteral(graph: ApiGraph, ids: string[], inputs: readonly string[], kind: 'number' | 'string'): ParameterRef | undefined {
  for (const id of ids) {
    const node = graph[id];
    const input = node && inputs.find((name) => typeof node.inputs[name] === kind);
    if (input) return { node: id, input };
  }
  return undefined;
}

function firstNode(graph: ApiGraph, ids: string[], test: (node: ApiNode) => boolean): Found | undefined {
  for (const id of ids) {
    const node = graph[id];
    if (node && test(node)) return { id, node };
  }
  return undefined;
}

function isLoadImage(node: ApiNode): boolean {
  return /^LoadImage/.test(node.class_type) && typeof node.inputs.image === 'string';
}

function hasNumbers(node: ApiNode, ...inputs: string[]): boolean {
  return inputs.every((input) => typeof node.inputs[input] === 'number');
}

function sameRef(a: ParameterRef, b: ParameterRef): boolean {
  return a.node === b.node && a.input === b.input;
}

/** Numeric ids in number order ("9" before "10"), then the others. */
function byNodeId(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  if (Number.isFinite(x)) return -1;
  if (Number.isFinite(y)) return 1;
  return a.localeCompare(b);
}
