import { describe, expect, it } from 'vitest';
import { buildChatRequest, type ChatUIMessage } from './chat-request.ts';

const user = (id: string, text: string): ChatUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const assistant = (id: string, text: string): ChatUIMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] });

describe('buildChatRequest', () => {
  it('sends only the new message and a null parent for the first question of a new conversation', () => {
    const request = buildChatRequest({
      trigger: 'submit-message',
      messages: [user('user-0001', 'Hello')],
      conversationId: null,
      model: 'llama3.2:3b',
    });
    expect(request).toEqual({
      model: 'llama3.2:3b',
      trigger: 'submit-message',
      parentId: null,
      message: { id: 'user-0001', text: 'Hello', attachmentIds: [] },
    });
  });

  it('names the last message shown as the parent of a follow-up, with its attachments', () => {
    const request = buildChatRequest({
      trigger: 'submit-message',
      messages: [user('user-0001', 'Hi'), assistant('answer-01', 'Hello!'), user('user-0002', 'And this?')],
      conversationId: 'conv-0001',
      model: 'llava:7b',
      attachmentIds: ['upload-01'],
    });
    expect(request).toEqual({
      conversationId: 'conv-0001',
      model: 'llava:7b',
      trigger: 'submit-message',
      parentId: 'answer-01',
      message: { id: 'user-0002', text: 'And this?', attachmentIds: ['upload-01'] },
    });
  });

  it('regenerates by naming the user message to answer again, without a message', () => {
    const request = buildChatRequest({
      trigger: 'regenerate-message',
      messages: [user('user-0001', 'Hi')],
      conversationId: 'conv-0001',
      model: 'qwen3:8b',
    });
    expect(request).toEqual({ conversationId: 'conv-0001', model: 'qwen3:8b', trigger: 'regenerate-message', parentId: 'user-0001' });
  });

  it('carries Web mode and the tools switched off for a new conversation', () => {
    const request = buildChatRequest({
      trigger: 'submit-message',
      messages: [user('user-0001', 'Tide times?')],
      conversationId: null,
      model: 'gemma3:4b',
      mode: 'web',
      disabledTools: ['fetch_page'],
    });
    expect(request).toMatchObject({ mode: 'web', disabledTools: ['fetch_page'] });
  });

  it('carries Notes mode', () => {
    const request = buildChatRequest({ trigger: 'submit-message', messages: [user('user-0001', 'When do I feed the roses?')], conversationId: null, model: 'gemma3:4b', mode: 'notes' });
    expect(request).toMatchObject({ mode: 'notes' });
  });

  it('carries image mode with its settings, and drops the settings in any other mode', () => {
    const base = { trigger: 'submit-message' as const, messages: [user('user-0001', 'a lighthouse at dusk')], conversationId: null, model: 'm:1' };
    const image = { width: 1216, height: 832, workflow: 'sdxl', inputImageId: 'image-0001' };
    expect(buildChatRequest({ ...base, mode: 'image', image })).toMatchObject({ mode: 'image', image });
    expect(buildChatRequest({ ...base, mode: 'image', image: {} })).not.toHaveProperty('image');
    expect(buildChatRequest({ ...base, mode: 'chat', image })).not.toHaveProperty('image');
  });

  it('leaves the default chat mode out of the body', () => {
    const request = buildChatRequest({ trigger: 'regenerate-message', messages: [user('user-0001', 'x')], conversationId: 'conv-0001', model: 'm', mode: 'chat' });
    expect(request).not.toHaveProperty('mode');
    expect(request).not.toHaveProperty('disabledTools');
  });

  it('refuses an empty question before it reaches the server', () => {
    expect(() =>
      buildChatRequest({ trigger: 'submit-message', messages: [user('user-0001', '  ')], conversationId: null, model: 'm' }),
    ).toThrow(/empty/);
  });

  it('refuses a regenerate without a conversation', () => {
    expect(() =>
      buildChatRequest({ trigger: 'regenerate-message', messages: [user('user-0001', 'x')], conversationId: null, model: 'm' }),
    ).toThrow(/conversationId/);
  });
});
