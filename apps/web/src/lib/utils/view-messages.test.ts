import type { Source, StoredMessage, ToolStep } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { doneJob, imageJob } from '../__fixtures__/image-jobs.ts';
import type { ChatUIMessage } from '../api/chat-request.ts';
import type { ApprovalAnswer } from './message-content.ts';
import { buildTree } from './message-tree.ts';
import { storedToUIMessage, toViewMessages } from './view-messages.ts';

const step = (overrides: Partial<ToolStep> = {}): ToolStep => ({
  id: 'call-1', tool: 'web_search', input: { query: 'tide tables' }, state: 'done', startedAt: 10, durationMs: 420,
  summary: '5 results for “tide tables”', output: '1. Tides…', error: null, sources: [1], approval: null, ...overrides,
});
const sources: Source[] = [
  { n: 1, kind: 'web', status: 'snippet', url: 'https://tides.example/', title: 'Tides', domain: 'tides.example', snippet: 'High water', toolCallId: 'call-1' },
];
const context = { window: 4096, windowSource: 'ollama-ps' as const, droppedMessages: 6, truncatedResults: 0, promptTokens: 4000, overflowed: false };
const notice = { code: 'tools-unsupported' as const, message: 'llava:7b cannot call tools, so its tools are off.' };

const user: StoredMessage = {
  id: 'user-0001', parentId: null, role: 'user', text: 'When is high tide?', reasoning: '', attachments: [], model: 'm:1',
  status: 'done', error: null, usage: null, parts: [{ type: 'text', text: 'When is high tide?' }], sources: [], citations: null,
  context: null, notices: [], imageJobs: [], createdAt: 1, updatedAt: 1,
};
const answer: StoredMessage = {
  ...user, id: 'answer-001', parentId: 'user-0001', role: 'assistant', text: 'Let me look. High tide is at 6 [1].',
  reasoning: 'Search first.', createdAt: 2, updatedAt: 3,
  parts: [
    { type: 'reasoning', text: 'Search first.' },
    { type: 'text', text: 'Let me look. ' },
    { type: 'tool', step: step() },
    { type: 'text', text: 'High tide is at 6 [1].' },
  ],
  sources, citations: { cited: [1], dangling: [] }, context, notices: [notice],
};

/** The same answer as the stream builds it: each model step its own parts, the tool step replaced in place. */
const live: ChatUIMessage = {
  id: 'answer-001', role: 'assistant',
  metadata: { parentId: 'user-0001', model: 'm:1', status: 'done', error: null, usage: null, createdAt: 2 },
  parts: [
    { type: 'data-notice', id: 'tools-unsupported', data: notice },
    { type: 'step-start' },
    { type: 'reasoning', text: 'Search first.', state: 'done' },
    { type: 'text', text: 'Let me look. ', state: 'done' },
    { type: 'data-tool', id: 'call-1', data: step() },
    { type: 'data-sources', id: 'sources', data: { sources } },
    { type: 'step-start' },
    { type: 'text', text: 'High tide ', state: 'done' },
    { type: 'text', text: 'is at 6 [1].', state: 'done' },
    { type: 'data-context', id: 'context', data: context },
    { type: 'data-citations', id: 'citations', data: { cited: [1], dangling: [] } },
  ],
};

function views(messages: ChatUIMessage[], options: { stored?: StoredMessage[]; approvals?: Map<string, ApprovalAnswer> } = {}) {
  return toViewMessages({
    messages, tree: buildTree(options.stored ?? [user, answer]), chatStatus: 'ready', chatError: null, loadingModel: null,
    overrides: new Map(), approvals: options.approvals,
  });
}

describe('toViewMessages', () => {
  it('shows a stored answer exactly as the live stream showed it', () => {
    const fromStore = views([user, answer].map(storedToUIMessage));
    const fromStream = views([storedToUIMessage(user), live]);
    expect(fromStore).toEqual(fromStream);
  });

  it('keeps text, reasoning and tool steps in the order they came, with the turn report', () => {
    const view = views([storedToUIMessage(user), live])[1];
    expect(view?.content.map((part) => part.kind)).toEqual(['reasoning', 'text', 'tool', 'text']);
    expect(view?.content[3]).toMatchObject({ kind: 'text', text: 'High tide is at 6 [1].' });
    expect(view?.text).toBe('Let me look. High tide is at 6 [1].');
    expect(view?.reasoning).toBe('Search first.');
    expect(view).toMatchObject({ sources, citations: { cited: [1], dangling: [] }, context, notices: [notice] });
  });

  it('shows a step left running by an answer that ended as not finished', () => {
    const stopped = { ...answer, status: 'stopped' as const, parts: [{ type: 'tool' as const, step: step({ state: 'running', durationMs: null, output: null }) }] };
    const view = views([user, stopped].map(storedToUIMessage), { stored: [user, stopped] })[1];
    expect(view?.content[0]).toMatchObject({ kind: 'tool', state: 'unfinished' });
  });

  it('keeps a running step running while its answer streams, with the answer given to a held step', () => {
    const held = step({ id: 'call-2', tool: 'fetch_page', state: 'awaiting-approval', approval: { url: 'https://a.test/x', host: 'a.test' } });
    const streaming: ChatUIMessage = { ...live, metadata: { ...live.metadata, status: 'streaming' }, parts: [{ type: 'data-tool', id: 'call-2', data: held }] };
    const approvals = new Map<string, ApprovalAnswer>([['call-2', { approve: true, status: 'sending', error: null }]]);
    const [, view] = toViewMessages({
      messages: [storedToUIMessage(user), streaming], tree: buildTree([user]), chatStatus: 'streaming', chatError: null,
      loadingModel: 'm:1', overrides: new Map(), approvals,
    });
    expect(view?.content[0]).toMatchObject({ state: 'awaiting-approval', answer: { approve: true, status: 'sending' } });
    // A step is content: the model is not "loading" any more.
    expect(view?.loadingModel).toBeNull();
  });

  it('ignores data parts that do not match the contract and says each notice once', () => {
    const odd: ChatUIMessage = {
      ...live,
      parts: [
        { type: 'data-tool', id: 'bad', data: { id: 'bad', tool: 'Not A Tool' } as unknown as ToolStep },
        { type: 'data-notice', id: 'tools-unsupported', data: notice },
        { type: 'data-notice', id: 'tools-unsupported-again', data: notice },
        { type: 'text', text: 'Hi', state: 'done' },
      ],
    };
    const view = views([storedToUIMessage(user), odd])[1];
    expect(view?.content).toEqual([{ kind: 'text', key: 'text-0', text: 'Hi' }]);
    expect(view?.notices).toEqual([notice]);
  });

  it('places an image card where its part sits, with the variants made from it as the message\'s jobs', () => {
    const first = doneJob({ id: 'job-00000001', messageId: 'answer-001' });
    const variant = imageJob({ id: 'job-00000002', messageId: 'answer-001', variantOf: 'job-00000001', createdAt: 5000 });
    const picture: StoredMessage = {
      ...answer, text: 'Here it is.', reasoning: '', sources: [], citations: null, context: null, notices: [],
      parts: [{ type: 'image', jobId: first.id }, { type: 'text', text: 'Here it is.' }],
      imageJobs: [first, variant],
    };
    const view = views([storedToUIMessage(user), storedToUIMessage(picture)], { stored: [user, picture] })[1];
    expect(view?.content.map((part) => part.kind)).toEqual(['image', 'text']);
    expect(view?.content[0]).toMatchObject({ kind: 'image', key: 'image-job-00000001', job: { id: 'job-00000001' } });
    expect(view?.imageJobs.map((job) => job.id)).toEqual(['job-00000001', 'job-00000002']);
  });

  it('says what the answer waits for while an image job has the GPU', () => {
    const streaming: ChatUIMessage = { ...live, metadata: { ...live.metadata, status: 'streaming' }, parts: [] };
    const [, view] = toViewMessages({
      messages: [storedToUIMessage(user), streaming], tree: buildTree([user]), chatStatus: 'streaming', chatError: null,
      loadingModel: null, waitingForGpu: { detail: 'image, step 12 of 30' }, overrides: new Map(),
    });
    expect(view?.gpuNotice).toBe('Waiting for the GPU: image, step 12 of 30');
  });
});
