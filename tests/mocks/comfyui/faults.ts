/**
 * Scripted faults: the scenario's rules are matched when a prompt is queued and bound to it, so a
 * test can queue a prompt, change the scenario, and still get the fault it asked for. The first
 * matching rule that has uses left decides each kind of fault.
 */
import type { ComfyScenario, ExecutionErrorFault, FaultRule, PostPromptFault, WsDropFault } from './scenario.ts';
import { isDict, type PyDict } from './python-json.ts';

/** The faults a queued prompt carries. */
export interface BoundFaults {
  postPrompt?: PostPromptFault;
  executionError?: ExecutionErrorFault;
  wsDrop?: WsDropFault;
  hostileOutput?: FaultRule['hostileOutput'];
}

export class FaultBook {
  /** Uses so far, per rule index; `setScenario` starts over. */
  readonly #uses = new Map<number, number>();

  reset(): void {
    this.#uses.clear();
  }

  /** The faults for a prompt about to be queued (validated graph, request `client_id`). */
  bind(scenario: ComfyScenario, prompt: PyDict, clientId: unknown): BoundFaults {
    const bound: BoundFaults = {};
    (scenario.faults ?? []).forEach((rule, index) => {
      const used = this.#uses.get(index) ?? 0;
      if (rule.times !== undefined && used >= rule.times) return;
      if (!matches(rule, prompt, clientId)) return;
      let contributed = false;
      for (const kind of ['postPrompt', 'executionError', 'wsDrop', 'hostileOutput'] as const) {
        if (rule[kind] === undefined || bound[kind] !== undefined) continue;
        (bound as Record<string, unknown>)[kind] = structuredClone(rule[kind]);
        contributed = true;
      }
      if (contributed) this.#uses.set(index, used + 1);
    });
    return bound;
  }
}

function matches(rule: FaultRule, prompt: PyDict, clientId: unknown): boolean {
  const match = rule.match;
  if (!match) return true;
  if (match.clientId !== undefined && match.clientId !== clientId) return false;
  const nodes = [...prompt.values()].filter(isDict);
  if (match.promptIncludes !== undefined) {
    const needle = match.promptIncludes.toLowerCase();
    const texts = nodes.filter((node) => node.get('class_type') === 'CLIPTextEncode').map((node) => (node.get('inputs') as PyDict | undefined)?.get('text'));
    if (!texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle))) return false;
  }
  if (match.checkpoint !== undefined) {
    const names = nodes.filter((node) => node.get('class_type') === 'CheckpointLoaderSimple').map((node) => (node.get('inputs') as PyDict | undefined)?.get('ckpt_name'));
    if (!names.includes(match.checkpoint)) return false;
  }
  return true;
}

/** True when a fault aimed at `target` (node id or class_type; default: the first sampler) hits this node. */
export function faultTargets(target: string | undefined, nodeId: string, classType: string, firstSamplerId: string | undefined): boolean {
  if (target === undefined) return nodeId === firstSamplerId;
  return target === nodeId || target === classType;
}
