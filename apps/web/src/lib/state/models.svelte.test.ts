import type { ChatModel } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { ModelsState } from './models.svelte.ts';

const model = (name: string): ChatModel => ({
  name, family: null, parameterSize: null, quantization: null, sizeBytes: 1, capabilities: ['completion'], contextLength: null, loaded: false,
});
const response = { models: [model('a:1'), model('b:1'), model('c:1')], defaultModel: 'b:1', error: null };

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), data };
}

describe('ModelsState', () => {
  it('picks the remembered model, else the default, else the first', async () => {
    const remembered = new ModelsState({ load: async () => response, storage: memoryStorage({ 'tauceti.model': 'c:1' }) });
    await remembered.load();
    expect(remembered.selected).toBe('c:1');
    const fallback = new ModelsState({ load: async () => response, storage: memoryStorage({ 'tauceti.model': 'gone:1' }) });
    await fallback.load();
    expect(fallback.selected).toBe('b:1');
    const first = new ModelsState({ load: async () => ({ ...response, defaultModel: null }), storage: null });
    await first.load();
    expect(first.selected).toBe('a:1');
  });

  it('remembers an explicit choice', async () => {
    const storage = memoryStorage();
    const state = new ModelsState({ load: async () => response, storage });
    await state.load();
    state.select('c:1');
    expect(storage.data.get('tauceti.model')).toBe('c:1');
  });

  it('selects the model of a reopened conversation, even before the list arrives, without remembering it', async () => {
    const storage = memoryStorage();
    const state = new ModelsState({ load: async () => response, storage });
    state.selectForConversation('a:1');
    await state.load();
    expect(state.selected).toBe('a:1');
    state.selectForConversation('uninstalled:1');
    expect(state.selected).toBe('a:1');
    expect(storage.data.size).toBe(0);
  });
});
