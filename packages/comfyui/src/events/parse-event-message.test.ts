import { describe, expect, it } from 'vitest';
import { parseEventMessage } from './parse-event-message.ts';

const message = (type: string, data: unknown) => JSON.stringify({ type, data });
const P = '3f0d4c2e-7e0a-4a55-9b7c-6f1c2d3e4f50';

describe('parseEventMessage', () => {
  it('reads the queue size from status, and the sid sent on connect', () => {
    expect(parseEventMessage(message('status', { status: { exec_info: { queue_remaining: 2 } }, sid: 'abc' }))).toEqual({ type: 'status', queueRemaining: 2, sid: 'abc' });
    expect(parseEventMessage(message('status', { status: { exec_info: { queue_remaining: 0 } } }))).toEqual({ type: 'status', queueRemaining: 0, sid: null });
  });

  it('reads the events of a normal run in camelCase', () => {
    expect(parseEventMessage(message('execution_start', { prompt_id: P, timestamp: 1 }))).toEqual({ type: 'execution_start', promptId: P });
    expect(parseEventMessage(message('execution_cached', { nodes: ['4', '6'], prompt_id: P }))).toEqual({ type: 'execution_cached', promptId: P, nodes: ['4', '6'] });
    expect(parseEventMessage(message('executing', { node: '3', display_node: '3', prompt_id: P }))).toEqual({ type: 'executing', promptId: P, node: '3', displayNode: '3' });
    expect(parseEventMessage(message('progress', { value: 1, max: 20, prompt_id: P, node: '3' }))).toEqual({ type: 'progress', promptId: P, node: '3', value: 1, max: 20 });
    expect(parseEventMessage(message('executed', { node: '9', output: { images: [{ filename: 'a.png', subfolder: '', type: 'output' }] }, prompt_id: P }))).toEqual({
      type: 'executed',
      promptId: P,
      node: '9',
      images: [{ filename: 'a.png', subfolder: '', type: 'output' }],
      output: { images: [{ filename: 'a.png', subfolder: '', type: 'output' }] },
    });
    expect(parseEventMessage(message('execution_success', { prompt_id: P }))).toEqual({ type: 'execution_success', promptId: P });
    expect(parseEventMessage(message('executing', { node: null, prompt_id: P }))).toEqual({ type: 'executing', promptId: P, node: null, displayNode: null });
  });

  it('keeps the executing message a reconnect yields, which has no prompt id', () => {
    expect(parseEventMessage(message('executing', { node: '3' }))).toEqual({ type: 'executing', promptId: null, node: '3', displayNode: null });
  });

  it('reads where and why a run failed or was interrupted', () => {
    expect(
      parseEventMessage(
        message('execution_error', {
          prompt_id: P,
          node_id: '3',
          node_type: 'KSampler',
          executed: ['4'],
          exception_message: 'CUDA out of memory',
          exception_type: 'torch.OutOfMemoryError',
          traceback: ['  File …\n'],
          current_inputs: {},
        }),
      ),
    ).toEqual({ type: 'execution_error', promptId: P, nodeId: '3', nodeType: 'KSampler', exceptionMessage: 'CUDA out of memory', exceptionType: 'torch.OutOfMemoryError', traceback: ['  File …\n'] });
    expect(parseEventMessage(message('execution_interrupted', { prompt_id: P, node_id: '3', node_type: 'KSampler', executed: [] }))).toEqual({
      type: 'execution_interrupted',
      promptId: P,
      nodeId: '3',
      nodeType: 'KSampler',
    });
  });

  it('ignores message types it does not use and text that is not an event', () => {
    expect(parseEventMessage(message('progress_state', { prompt_id: P, nodes: {} }))).toBeNull();
    expect(parseEventMessage(message('crystools.monitor', { cpu_utilization: 3 }))).toBeNull();
    expect(parseEventMessage('not json')).toBeNull();
    expect(parseEventMessage('[1,2]')).toBeNull();
    expect(parseEventMessage(message('progress', { value: 'x' }))).toBeNull();
  });
});
