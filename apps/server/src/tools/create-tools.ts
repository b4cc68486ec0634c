import { fetchPageTool } from './fetch-page/fetch-page.tool.ts';
import { generateImageTool } from './generate-image/generate-image.tool.ts';
import { searchNotesTool } from './search-notes/search-notes.tool.ts';
import type { AgentTools, ToolDeps } from './types.ts';
import { webSearchTool } from './web-search/web-search.tool.ts';

/**
 * Every tool the server has, by its model-facing name. Adding a tool is one folder under `tools/`
 * and one line here. The agent loop never imports this: its callers pass it what they offer.
 */
export function createTools(deps: ToolDeps): AgentTools {
  return {
    web_search: webSearchTool(deps),
    fetch_page: fetchPageTool(deps),
    search_notes: searchNotesTool(deps),
    generate_image: generateImageTool(deps),
  };
}
