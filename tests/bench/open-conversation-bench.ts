import { randomUUID } from 'node:crypto';
import type { MockOllama } from '@tauceti/mocks/ollama';
import { launchChromium } from '../browser/support/launch-chromium.ts';
import { median, p95, round } from './stats.ts';

const LAST_MARKER = 'END-OF-FIXTURE-CONVERSATION';

/** A realistic answer: prose and lists, and every tenth one long with tagged and untagged code. */
function answer(turn: number): string {
  const prose = `Answer ${turn}. Here is a **clear** explanation with \`inline code\`, a [link](https://example.com/${turn}) and a list:\n\n- first point about item ${turn}\n- second point, _emphasised_\n- third point\n\n`;
  if (turn % 10 !== 0) return `${prose}${'A further paragraph of plain text that a model would write. '.repeat(8)}`;
  const code = Array.from({ length: 60 }, (_, line) => `  const value${line} = compute(${line}, "${turn}"); // step ${line}`).join('\n');
  return `${prose}\`\`\`ts\nfunction example${turn}() {\n${code}\n}\n\`\`\`\n\n\`\`\`\n${'plain output line\n'.repeat(40)}\`\`\`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`;
}

/** Builds a 500-message conversation through the real API (250 turns), the last answer marked. */
async function seedConversation(mock: MockOllama, serverUrl: string): Promise<{ id: string; bytes: number }> {
  let conversationId: string | undefined;
  let parentId: string | null = null;
  let bytes = 0;
  for (let turn = 1; turn <= 250; turn++) {
    const content = turn === 250 ? `${answer(turn)}\n\n${LAST_MARKER}` : answer(turn);
    bytes += content.length;
    mock.enqueueChat({ match: { stream: true }, content });
    const response: Response = await fetch(`${serverUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...(conversationId ? { conversationId } : {}),
        model: 'llama3.2:latest',
        trigger: 'submit-message',
        parentId,
        message: { id: randomUUID(), text: `Question number ${turn}: explain item ${turn}.`, attachmentIds: [] },
      }),
    });
    const body = await response.text();
    conversationId ??= /"type":"data-conversation","data":\{"id":"([^"]+)"/.exec(body)?.[1];
    parentId = /"type":"start","messageId":"([^"]+)"/.exec(body)?.[1] ?? null;
    if (!conversationId || !parentId) throw new Error(`seeding failed at turn ${turn}: ${body.slice(0, 300)}`);
  }
  return { id: conversationId as string, bytes };
}

/** Navigate → last message painted, for a 500-message conversation, in a fresh page each run. */
export async function runOpenConversationBench({ mock, serverUrl, runs }: { mock: MockOllama; serverUrl: string; runs: number }) {
  const conversation = await seedConversation(mock, serverUrl);
  const context = await launchChromium();
  const times: number[] = [];
  let rendered = 0;
  try {
    for (let i = 0; i < runs + 1; i++) {
      const page = await context.newPage();
      await page.goto(`${serverUrl}/c/${conversation.id}`);
      const paintedAt = await page.waitForFunction(
        (marker) => {
          const messages = document.querySelectorAll('[data-testid="message"]');
          const last = messages[messages.length - 1];
          // Polled once per animation frame: the first frame whose DOM holds it is the one that paints it.
          return last?.textContent?.includes(marker) ? performance.now() : false;
        },
        LAST_MARKER,
        { polling: 'raf', timeout: 20_000 },
      );
      const elapsed = (await paintedAt.jsonValue()) as number;
      rendered = await page.locator('[data-testid="message"]').count();
      if (i > 0) times.push(elapsed); // the first load warms the HTTP cache, as a returning user has
      await page.close();
    }
  } finally {
    await context.close();
  }
  return { p50Ms: round(median(times)), p95Ms: round(p95(times)), runs: times.length, messagesInDom: rendered, markdownKb: round(conversation.bytes / 1024, 0) };
}
