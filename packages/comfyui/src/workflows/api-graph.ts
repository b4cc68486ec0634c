/**
 * The API-format graph ComfyUI runs: node id → `{ class_type, inputs }`, where an input is a literal
 * or a link `["<node id>", <output slot>]` (PROTOCOLS.md §2.10).
 */

export interface ApiNode {
  class_type: string;
  inputs: Record<string, unknown>;
  /** Added by the editor's "Export (API)"; ComfyUI ignores it. */
  _meta?: { title?: string };
}

export type ApiGraph = Record<string, ApiNode>;

/** A link to another node's output. */
export type NodeLink = [string, number];

export function isLink(value: unknown): value is NodeLink {
  return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'number';
}

/** The node a link points at (ids may be numbers in hand-written files), or undefined. */
export function linkedNode(graph: ApiGraph, value: unknown): { id: string; node: ApiNode } | undefined {
  if (!isLink(value)) return undefined;
  const id = String(value[0]);
  const node = graph[id];
  return node ? { id, node } : undefined;
}
