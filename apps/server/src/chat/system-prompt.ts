/**
 * The system prompt of a chat turn. Short on purpose: small local models follow short prompts best,
 * and the date lets them answer "today" questions. Nothing secret goes here (assume it leaks).
 */
export function systemPrompt(now: Date = new Date()): string {
  const date = now.toISOString().slice(0, 10);
  return [
    'You are Tau Ceti, a helpful assistant running on a private home server.',
    `Today is ${date}.`,
    'Answer clearly and concisely. Use Markdown when it helps: lists, tables, and fenced code blocks that name their language.',
  ].join(' ');
}
