/**
 * The read-only routes: `/object_info[/{class}]` (`node_info`, 0.3.64 field set), `/models`,
 * `/models/{folder}`, `/system_stats`, `/features`, `/embeddings`, `/extensions` and `/`.
 */
import { send, sendEmpty, sendJson } from './http-util.ts';
import { NODE_CLASS_MAPPINGS, type NodeClass, type NodeClassContext } from './node-classes.ts';
import type { RouteContext } from './route-context.ts';
import { scenarioDefaults, STOCK_MODEL_FOLDERS } from './scenario.ts';

/** `server.py` `node_info`. */
export function nodeInfo(nodeClass: NodeClass, ctx: NodeClassContext): Record<string, unknown> {
  const input = nodeClass.inputTypes(ctx);
  const info: Record<string, unknown> = {
    input,
    input_order: Object.fromEntries(Object.entries(input).map(([category, inputs]) => [category, Object.keys(inputs)])),
    output: nodeClass.returnTypes,
    output_is_list: nodeClass.returnTypes.map(() => false),
    output_name: nodeClass.returnNames ?? nodeClass.returnTypes,
    name: nodeClass.name,
    display_name: nodeClass.displayName,
    description: nodeClass.description,
    python_module: 'nodes',
    category: nodeClass.category,
    output_node: nodeClass.outputNode,
  };
  if (nodeClass.outputTooltips) info.output_tooltips = nodeClass.outputTooltips;
  return info;
}

export function getObjectInfo({ res, process }: RouteContext): void {
  const ctx = process.classContext();
  sendJson(res, 200, Object.fromEntries([...NODE_CLASS_MAPPINGS.values()].map((nodeClass) => [nodeClass.name, nodeInfo(nodeClass, ctx)])));
}

export function getObjectInfoClass({ res, params, process }: RouteContext): void {
  const nodeClass = NODE_CLASS_MAPPINGS.get(params.node_class!);
  sendJson(res, 200, nodeClass ? { [nodeClass.name]: nodeInfo(nodeClass, process.classContext()) } : {});
}

function modelFolders(ctx: RouteContext): Record<string, string[]> {
  const { scenario } = ctx.state;
  const folders: Record<string, string[]> = Object.fromEntries(STOCK_MODEL_FOLDERS.map((folder) => [folder, []]));
  Object.assign(folders, scenario.modelFolders);
  folders.checkpoints = scenario.checkpoints.map((checkpoint) => checkpoint.name);
  return folders;
}

export function getModelTypes(ctx: RouteContext): void {
  sendJson(ctx.res, 200, Object.keys(modelFolders(ctx)));
}

export function getModels(ctx: RouteContext): void {
  const files = modelFolders(ctx)[ctx.params.folder!];
  if (!files) return sendEmpty(ctx.res, 404);
  sendJson(ctx.res, 200, files);
}

export function getSystemStats({ res, state, process }: RouteContext): void {
  const { vramTotal, externalVramBytes, deviceName, version } = scenarioDefaults(state.scenario);
  const used = process.residency.vramUsed();
  sendJson(res, 200, {
    system: {
      os: 'posix',
      ram_total: 68_719_476_736,
      ram_free: 60_129_542_144,
      comfyui_version: version,
      required_frontend_version: '1.27.10',
      installed_templates_version: '0.1.95',
      required_templates_version: '0.1.95',
      python_version: '3.12.3 (main, Sep 11 2024, 14:17:37) [GCC 13.2.0]',
      pytorch_version: '2.8.0+cu128',
      embedded_python: false,
      argv: ['main.py', '--listen', '127.0.0.1'],
    },
    devices: [
      {
        name: deviceName,
        type: deviceName.startsWith('cpu') ? 'cpu' : 'cuda',
        index: 0,
        vram_total: vramTotal,
        vram_free: Math.max(0, vramTotal - externalVramBytes - used),
        torch_vram_total: used,
        torch_vram_free: 0,
      },
    ],
  });
}

export function getFeatures({ res, state }: RouteContext): void {
  sendJson(res, 200, scenarioDefaults(state.scenario).featureFlags);
}

export function getEmptyList({ res }: RouteContext): void {
  sendJson(res, 200, []);
}

export function getRoot({ res, headOnly }: RouteContext): void {
  const html = '<!DOCTYPE html><html><head><title>ComfyUI</title></head><body>Mock ComfyUI (no frontend)</body></html>';
  send(res, 200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-cache', Pragma: 'no-cache', Expires: '0' }, Buffer.from(html), headOnly);
}
