import { describe, expect, it } from 'vitest';
import { toModelMessages } from './to-model-messages.ts';

describe('toModelMessages', () => {
  it('makes system and developer messages the system prompt and keeps the rest in order', () => {
    const prompt = toModelMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: 'Answer in French.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Salut' },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
    expect(prompt).toEqual({
      system: 'Be brief.\n\nAnswer in French.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Salut' },
        { role: 'user', content: 'Again' },
      ],
    });
  });

  it('refuses a conversation without a user message, saying one is needed', () => {
    expect(() => toModelMessages([{ role: 'system', content: 'You are helpful.' }, { role: 'developer', content: 'Be brief.' }])).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringMatching(/at least one user message/i) }),
    );
    expect(() => toModelMessages([])).toThrow(/at least one user message/i);
    expect(() => toModelMessages([{ role: 'assistant', content: 'Hello' }])).toThrow(/at least one user message/i);
  });

  it('refuses remote image URLs, since the server never fetches them', () => {
    const remote = [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'http://169.254.169.254/' } }] }];
    expect(() => toModelMessages(remote)).toThrow(/remote URLs are not fetched/);
  });
});
