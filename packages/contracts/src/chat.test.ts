import { describe, expect, it } from 'vitest';
import { chatRequest } from './chat.ts';
import { listConversationsQuery, updateConversationRequest } from './conversations.ts';
import { modelName } from './ids.ts';

const id = '0b6c7c1e-7b0e-4d8e-9a51-2f6f0d1c9e11';

describe('chatRequest', () => {
  it('accepts a first question and fills in no attachments', () => {
    const parsed = chatRequest.parse({ model: 'llama3.2', trigger: 'submit-message', parentId: null, message: { id, text: 'hi' } });
    expect(parsed.message?.attachmentIds).toEqual([]);
  });

  it('refuses a question with neither text nor images', () => {
    const result = chatRequest.safeParse({ model: 'llama3.2', trigger: 'submit-message', parentId: null, message: { id, text: '  ' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['message', 'text']);
  });

  it('needs the conversation and the question to regenerate, and no new message', () => {
    expect(chatRequest.safeParse({ model: 'm', trigger: 'regenerate-message', parentId: id, conversationId: id }).success).toBe(true);
    expect(chatRequest.safeParse({ model: 'm', trigger: 'regenerate-message', parentId: null, conversationId: id }).success).toBe(false);
    expect(chatRequest.safeParse({ model: 'm', trigger: 'regenerate-message', parentId: id }).success).toBe(false);
    expect(
      chatRequest.safeParse({ model: 'm', trigger: 'regenerate-message', parentId: id, conversationId: id, message: { id, text: 'x' } }).success,
    ).toBe(false);
  });

  it('refuses unknown fields, so a client cannot steer the server to another Ollama', () => {
    const result = chatRequest.safeParse({ model: 'm', trigger: 'submit-message', parentId: null, message: { id, text: 'x' }, ollamaUrl: 'http://10.0.0.5' });
    expect(result.success).toBe(false);
  });
});

describe('modelName', () => {
  it('accepts Ollama names with tags and namespaces', () => {
    for (const name of ['llama3.2', 'llama3.2:latest', 'qwen3:4b', 'hf.co/user/model:Q4_K_M', 'user/model:tag']) {
      expect(modelName.safeParse(name).success, name).toBe(true);
    }
  });

  it('refuses paths and odd characters', () => {
    for (const name of ['../../x', '/etc/passwd', 'a b', 'model?x=1', '', 'a:b:c']) {
      expect(modelName.safeParse(name).success, name).toBe(false);
    }
  });
});

describe('conversation requests', () => {
  it('needs something to change', () => {
    expect(updateConversationRequest.safeParse({}).success).toBe(false);
    expect(updateConversationRequest.safeParse({ title: '  Garden  ' }).data).toEqual({ title: 'Garden' });
  });

  it('pages with an opaque cursor and caps the page size', () => {
    expect(listConversationsQuery.parse({ limit: '20', before: `123_${id}` })).toEqual({ limit: 20, before: `123_${id}` });
    expect(listConversationsQuery.safeParse({ limit: '1000' }).success).toBe(false);
    expect(listConversationsQuery.safeParse({ before: "1' OR 1=1" }).success).toBe(false);
  });
});
