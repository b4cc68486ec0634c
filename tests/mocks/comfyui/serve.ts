/**
 * Runs the mock ComfyUI on its own, for trying the app without a GPU:
 *   pnpm exec tsx comfyui/serve.ts [port] [scenario.json]     (from tests/mocks)
 * With no scenario file it serves the default checkpoints at 50 ms a step with previews on.
 */
import { readFileSync } from 'node:fs';
import { defaultScenario, type ComfyScenario } from './scenario.ts';
import { startMockComfyui } from './server.ts';

const [portArg = '8188', scenarioFile] = process.argv.slice(2);
const scenario: ComfyScenario = scenarioFile
  ? (JSON.parse(readFileSync(scenarioFile, 'utf8')) as ComfyScenario)
  : { ...defaultScenario(), stepMs: 50, modelLoadMs: 1500, previewMethod: 'auto', maxOutputPx: 512 };
const mock = await startMockComfyui({ port: Number(portArg), scenario });
process.stdout.write(`mock ComfyUI listening on ${mock.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void mock.close().then(() => process.exit(0)));
