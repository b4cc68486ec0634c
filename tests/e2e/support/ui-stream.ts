/** A chunk of the AI SDK UI message stream, loosely typed for assertions. */
export type UiChunk = { type: string; [key: string]: unknown };

/**
 * Reads an AI SDK UI message stream (SSE `data:` lines) chunk by chunk, as the browser's parser
 * does, so a test can stop reading (or abort) at any point.
 */
export async function* readUiStream(response: Response): AsyncGenerator<UiChunk> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data !== '[DONE]') yield JSON.parse(data) as UiChunk;
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

export async function collectUiStream(response: Response): Promise<UiChunk[]> {
  const chunks: UiChunk[] = [];
  for await (const chunk of readUiStream(response)) chunks.push(chunk);
  return chunks;
}

export const textOf = (chunks: UiChunk[]) =>
  chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => chunk.delta as string).join('');
