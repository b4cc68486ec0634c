import { describe, expect, it } from 'vitest';
import { humanizeToolName, ToolsState } from './tools.svelte.ts';

describe('ToolsState', () => {
  it('lists the tools, their labels and whether Web and Notes mode can run', async () => {
    const tools = new ToolsState({
      load: async () => ({
        tools: [{ name: 'web_search', label: 'Web search', description: 'Search.', available: false, reason: 'SEARXNG_URL is not set.' }],
        webMode: { available: false, reason: 'SEARXNG_URL is not set.' },
        notesMode: { available: true, reason: null },
        imageMode: { available: false, reason: 'COMFYUI_URL is not set.' },
      }),
    });
    expect(tools.webMode.available).toBe(false);
    await tools.load();
    expect(tools.labels).toEqual({ web_search: 'Web search' });
    expect(tools.webMode).toEqual({ available: false, reason: 'SEARXNG_URL is not set.' });
    expect(tools.notesMode).toEqual({ available: true, reason: null });
    expect(tools.imageMode).toEqual({ available: false, reason: 'COMFYUI_URL is not set.' });
    expect(tools.error).toBeNull();
  });

  it('keeps Web and Notes mode off, with the reason, when the list cannot be loaded', async () => {
    const tools = new ToolsState({ load: async () => Promise.reject(new Error('The Tau Ceti server is not reachable.')) });
    await tools.load();
    expect(tools.error).toBe('The Tau Ceti server is not reachable.');
    expect(tools.webMode.available).toBe(false);
    expect(tools.webMode.reason).toMatch(/not reachable/);
    expect(tools.notesMode.available).toBe(false);
    expect(tools.imageMode.available).toBe(false);
  });

  it('names a tool the list does not know from its name', () => {
    expect(humanizeToolName('generate_image')).toBe('Generate image');
  });
});
