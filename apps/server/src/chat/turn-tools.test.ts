import type { ToolStep } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTurnSources } from '../sources/turn-sources.ts';
import { type AgentTool, ToolDeclinedError } from '../tools/types.ts';
import { createTurnTools } from './turn-tools.ts';

const echo: AgentTool<{ text: string }> = {
  label: 'Echo',
  description: 'Echoes',
  inputSchema: z.object({ text: z.string() }),
  maxCallsPerTurn: 2,
  unavailableReason: null,
  execute: async ({ text }) => ({ text: text.repeat(10), summary: `Echoed ${text}`, sources: [] }),
};
const broken: AgentTool<{ text: string }> = {
  ...echo,
  execute: async () => {
    throw new Error('SearXNG is unreachable: answer without web results and say so.');
  },
};
const asking: AgentTool<{ text: string }> = {
  ...echo,
  execute: async (_, context) => {
    if (!(await context.requestApproval({ url: 'https://x.example/', host: 'x.example' }))) throw new ToolDeclinedError('not allowed');
    return { text: 'read', summary: 'Read', sources: [] };
  },
};

function setup(options: { maxCalls?: number; maxResultChars?: number; approve?: boolean | null } = {}) {
  const steps: ToolStep[] = [];
  let clock = 1000;
  const tools = createTurnTools({
    tools: { echo, broken, asking },
    sources: createTurnSources(),
    signal: new AbortController().signal,
    knownUrls: [],
    maxResultChars: options.maxResultChars ?? 1000,
    maxCalls: options.maxCalls ?? 8,
    onStep: (step) => steps.push(step),
    askPerson: options.approve === null ? null : async () => options.approve ?? true,
    now: () => (clock += 5),
  });
  return { tools, steps };
}

describe('createTurnTools', () => {
  it('reports a call as running, then done with its duration, summary and full result', async () => {
    const { tools, steps } = setup();
    await tools.run('echo', { text: 'ab' }, 'call_1');
    expect(steps.map((step) => step.state)).toEqual(['running', 'done']);
    expect(steps[1]).toMatchObject({ id: 'call_1', tool: 'echo', input: { text: 'ab' }, summary: 'Echoed ab', output: 'ab'.repeat(10), durationMs: 5 });
  });

  it('turns a failing tool into a failed step and a message for the model', async () => {
    const { tools, steps } = setup();
    await expect(tools.run('broken', { text: 'x' }, 'call_1')).rejects.toThrow(/answer without web results/);
    expect(steps.at(-1)).toMatchObject({ state: 'failed', error: 'SearXNG is unreachable: answer without web results and say so.' });
  });

  it('stops a tool at its budget and the turn at its total, and stops offering them', async () => {
    const { tools } = setup({ maxCalls: 3 });
    await tools.run('echo', { text: 'a' }, 'c1');
    await tools.run('echo', { text: 'b' }, 'c2');
    await expect(tools.run('echo', { text: 'c' }, 'c3')).rejects.toThrow(/at most 2 times per answer/);
    expect(tools.activeTools()).not.toContain('echo');
    await tools.run('asking', { text: 'd' }, 'c4');
    expect(tools.activeTools()).toEqual([]);
    await expect(tools.run('asking', { text: 'e' }, 'c5')).rejects.toThrow(/already used its 3 tool calls/);
  });

  it('cuts a result to the context budget and counts it', async () => {
    const { tools, steps } = setup({ maxResultChars: 60 });
    const result = await tools.run('echo', { text: 'long text. ' }, 'c1');
    expect(result.text.length).toBeLessThanOrEqual(60);
    expect(result.text).toContain('cut to fit the context window');
    expect(tools.truncatedResults).toBe(1);
    expect(steps.at(-1)?.output).toBe(result.text);
  });

  it('holds a call for the person, then runs or declines it', async () => {
    const allowed = setup({ approve: true });
    await allowed.tools.run('asking', { text: 'x' }, 'c1');
    expect(allowed.steps.map((step) => step.state)).toEqual(['running', 'awaiting-approval', 'running', 'done']);
    expect(allowed.steps[1]?.approval).toEqual({ url: 'https://x.example/', host: 'x.example' });

    const declined = setup({ approve: false });
    await expect(declined.tools.run('asking', { text: 'x' }, 'c1')).rejects.toThrow('not allowed');
    expect(declined.steps.at(-1)).toMatchObject({ state: 'declined', approval: null });

    const apiMode = setup({ approve: null });
    await expect(apiMode.tools.run('asking', { text: 'x' }, 'c1')).rejects.toThrow('not allowed');
    expect(apiMode.steps.map((step) => step.state)).toEqual(['running', 'declined']);
  });
});
