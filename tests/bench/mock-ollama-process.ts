/**
 * The mock Ollama in a process of its own, driven over IPC (start-mock-ollama-process.ts): its
 * token pacing then does not share an event loop with the client that measures the gaps, and the
 * client's work cannot delay the tokens.
 */
import { startMockOllama } from '@tauceti/mocks/ollama';
import type { RemoteCall, SlimRequest } from './start-mock-ollama-process.ts';

const mock = await startMockOllama();
const send = (message: unknown) => process.send?.(message);

type Body = { stream?: boolean; messages?: { role: string; content?: string }[] } | null;

function slim(): SlimRequest[] {
  return mock.requests.map((record) => {
    const body = record.body as Body;
    const messages = body?.messages ?? [];
    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    return {
      id: record.id,
      path: record.path,
      stream: body?.stream !== false,
      lastRole: messages.at(-1)?.role ?? null,
      lastUser: (lastUser?.content ?? '').slice(0, 300),
      receivedAt: record.receivedAt,
      closedAt: record.closedAt ?? null,
    };
  });
}

process.on('message', (call: RemoteCall) => {
  if (call.op === 'setScenario') mock.setScenario(call.scenario);
  if (call.op === 'clearRequests') mock.clearRequests();
  send({ id: call.id, result: call.op === 'requests' ? slim() : null });
});
// The parent going away ends this process too.
process.on('disconnect', () => void mock.close().then(() => process.exit(0)));
send({ ready: mock.url });
