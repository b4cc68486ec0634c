import type { ToolsResponse } from '@tauceti/contracts';
import { Hono } from 'hono';
import type { Deps } from '../deps.ts';

/** `GET /api/tools`: what the tools menu, Web mode and Notes mode can offer, and why something cannot run. */
export function toolsRoutes({ tools }: Pick<Deps, 'tools'>) {
  return new Hono().get('/api/tools', (c) => {
    const listed = Object.entries(tools).map(([name, tool]) => ({
      name,
      label: tool.label,
      description: tool.description,
      available: tool.unavailableReason === null,
      reason: tool.unavailableReason,
    }));
    const mode = (needs: string[], missing: string) => {
      const blocking = needs.map((name) => listed.find((tool) => tool.name === name)).find((tool) => !tool?.available);
      return { available: blocking === undefined, reason: blocking ? (blocking.reason ?? missing) : null };
    };
    const body: ToolsResponse = {
      tools: listed,
      webMode: mode(['web_search', 'fetch_page'], 'Web mode needs web search and page reading.'),
      notesMode: mode(['search_notes'], 'Notes mode needs a vault (VAULT_PATH).'),
      imageMode: mode(['generate_image'], 'Making images needs ComfyUI (COMFYUI_URL), which this server does not have yet.'),
    };
    return c.json(body);
  });
}
