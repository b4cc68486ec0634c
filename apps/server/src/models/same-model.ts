/** Ollama names default their tag to `latest`: `llama3.2` and `llama3.2:latest` are one model. */
export function normalizeModelName(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

export const sameModel = (a: string, b: string) => normalizeModelName(a) === normalizeModelName(b);
