import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTools } from './create-tools.ts';

describe('createTools', () => {
  it('wires in every tool folder, under its snake_case name', () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(new URL(`./${entry.name}/`, import.meta.url)).some((file) => file.endsWith('.tool.ts')))
      .map((entry) => entry.name.replaceAll('-', '_'));
    expect(Object.keys(createTools({ searxng: null, readPage: null, vault: null, images: null })).sort()).toEqual(folders.sort());
  });

  it('says why a tool cannot run when its service is not configured', () => {
    const tools = createTools({ searxng: null, readPage: null, vault: null, images: null });
    expect(tools.web_search?.unavailableReason).toMatch(/SEARXNG_URL/);
  });
});
