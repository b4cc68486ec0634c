/**
 * Runs the mock Ollama on its own, for trying the app without a GPU:
 *   pnpm --filter @tauceti/mocks run serve-ollama [port] [scenario.json]
 * With no scenario file it serves the default models and streams an echo at ~30 tokens/s.
 */
import { readFileSync } from 'node:fs';
import { defaultScenario, type OllamaScenario } from './scenario.ts';
import { startMockOllama } from './server.ts';

const [portArg = '11434', scenarioFile] = process.argv.slice(2);
const scenario: OllamaScenario = scenarioFile
  ? (JSON.parse(readFileSync(scenarioFile, 'utf8')) as OllamaScenario)
  : { ...defaultScenario(), chat: [{ tokensPerSecond: 30, content: 'This is the mock Ollama answering. Tau Ceti streams each word as it arrives, renders **Markdown** and keeps every answer.\n\n```ts\nconst answer = 42;\n```' }] };
const mock = await startMockOllama({ port: Number(portArg), scenario });
process.stdout.write(`mock Ollama listening on ${mock.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void mock.close().then(() => process.exit(0)));
