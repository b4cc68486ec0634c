import type { ToolsResponse } from '@tauceti/contracts';
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';

/** `GET /api/tools`: what the tools menu and Web mode can offer, and why something cannot run. */
export function toolsRoutes({ tools }: Pick<Deps, 'tools'>) {
  return new Hono().get('/api/tools', (c) => {
    const listed = Object.entries(tools).map(([name, tool]) => ({
      name,
      label: tool.label,
      description: tool.description,
      available: tool.unavailableReason === null,
      reason: tool.unavailableReason,
    }));
    const blocking = ['web_search', 'fetch_page'].map((name) => listed.find((tool) => tool.name === name)).find((tool) => !tool?.available);
    const body: ToolsResponse = {
      tools: listed,
      webMode: { available: blocking === undefined, reason: blocking ? (blocking.reason ?? 'Web mode needs web search and page reading.') : null },
    };
    return c.json(body);
  });
}
