import type { ConversationDetail, StoredMessage } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, exportMarkdown } from './export-markdown.ts';

const EXPORTED_AT = new Date('2026-01-02T03:04:05.000Z');

// Only the fields the export reads; the rest of a stored message does not matter here.
function message(fields: Partial<StoredMessage> & Pick<StoredMessage, 'id' | 'role'>): StoredMessage {
  const text = fields.text ?? '';
  const reasoning = fields.reasoning ?? '';
  const parts: StoredMessage['parts'] = [...(reasoning ? [{ type: 'reasoning' as const, text: reasoning }] : []), { type: 'text' as const, text }];
  return { parentId: null, attachments: [], model: null, status: 'done', error: null, parts, sources: [], citations: null, ...fields, text, reasoning } as StoredMessage;
}

function conversation(title: string, messages: StoredMessage[]): ConversationDetail {
  return { id: 'c1', title, activeLeafId: messages.at(-1)?.id ?? null, messages } as ConversationDetail;
}

const HOSTILE = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![x](https://tracker.example/p.png) <https://evil.example>';

describe('exportMarkdown', () => {
  it('writes the title, the speakers, the attachments and the answers of the branch shown', () => {
    const markdown = exportMarkdown(
      conversation('Trip to Paris', [
        message({
          id: 'u1',
          role: 'user',
          text: 'Plan it',
          attachments: [{ id: 'a1', name: 'map.png', mediaType: 'image/png', sizeBytes: 1, url: '/api/uploads/a1' }],
        }),
        message({ id: 'a1', parentId: 'u1', role: 'assistant', model: 'llama3.2:latest', text: 'Day 1: **the Louvre**.' }),
      ]),
      EXPORTED_AT,
    );
    expect(markdown).toBe(
      [
        '# Trip to Paris',
        '',
        '_Exported from Tau Ceti on 2026-01-02T03:04:05.000Z_',
        '',
        '## You',
        '',
        '![map.png](/api/uploads/a1)',
        '',
        'Plan it',
        '',
        '## Assistant (llama3.2:latest)',
        '',
        'Day 1: **the Louvre**.',
        '',
      ].join('\n'),
    );
  });

  it('escapes a hostile model-written title so it is neither HTML nor a link nor more than one line', () => {
    const markdown = exportMarkdown(conversation(`${HOSTILE}\n# Injected heading`, []), EXPORTED_AT);
    const heading = markdown.split('\n')[0];
    expect(heading).toBe(
      '# &lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(1\\)\\) \\!\\[x\\]\\(https://tracker.example/p.png\\) &lt;https://evil.example&gt; \\# Injected heading',
    );
    expect(markdown).not.toMatch(/<img|\]\(|\n# Injected/);
  });

  it('escapes attachment names, so a name cannot close the alt text and link elsewhere', () => {
    const name = 'x](javascript:alert(1)) <img src=x onerror=alert(1)> ![y';
    const markdown = exportMarkdown(
      conversation('t', [message({ id: 'u1', role: 'user', attachments: [{ id: 'a1', name, mediaType: 'image/png', sizeBytes: 1, url: '/api/uploads/a1' }] })]),
      EXPORTED_AT,
    );
    expect(markdown).toContain('![x\\]\\(javascript:alert\\(1\\)\\) &lt;img src=x onerror=alert\\(1\\)&gt; \\!\\[y](/api/uploads/a1)');
    expect(markdown).not.toContain('](javascript:');
  });

  it('renders reasoning as an escaped quote instead of raw HTML the model could close', () => {
    const reasoning = 'First idea.\n</details><script>alert(1)</script>\n\n[more](javascript:alert(1))';
    const markdown = exportMarkdown(conversation('t', [message({ id: 'a1', role: 'assistant', reasoning, text: 'Answer' })]), EXPORTED_AT);
    expect(markdown).toContain(
      ['> **Reasoning**', '>', '> First idea.', '> &lt;/details&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt;', '>', '> \\[more\\]\\(javascript:alert\\(1\\)\\)', '', 'Answer'].join('\n'),
    );
    expect(markdown).not.toMatch(/<details|<script/);
  });

  it('escapes the model name and the error text of a failed answer', () => {
    const markdown = exportMarkdown(
      conversation('t', [
        message({ id: 'a1', role: 'assistant', model: 'evil<b>_model', status: 'error', error: 'Ollama said <img src=x onerror=alert(1)>\nand [more](javascript:x)' }),
      ]),
      EXPORTED_AT,
    );
    expect(markdown).toContain('## Assistant (evil&lt;b&gt;\\_model)');
    expect(markdown).toContain('> **Error:** Ollama said &lt;img src=x onerror=alert\\(1\\)&gt; and \\[more\\]\\(javascript:x\\)');
  });

  it('keeps the answer text exactly as the model wrote it: it is the content', () => {
    const text = 'Use `<div>` and [docs](https://example.com).';
    const markdown = exportMarkdown(conversation('t', [message({ id: 'a1', role: 'assistant', text })]), EXPORTED_AT);
    expect(markdown).toContain(`\n${text}\n`);
  });
});

describe('escapeMarkdown', () => {
  it('turns HTML characters into entities and backslash-escapes Markdown punctuation', () => {
    expect(escapeMarkdown('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMarkdown('*_`[]()!#~|$\\{}')).toBe('\\*\\_\\`\\[\\]\\(\\)\\!\\#\\~\\|\\$\\\\\\{\\}');
    expect(escapeMarkdown('llama3.2:latest - plain text, 1. fine')).toBe('llama3.2:latest - plain text, 1. fine');
  });

  it('writes tool steps in order with the text, then the sources, escaped, and flags dangling citations', () => {
    const step = {
      id: 'call_1', tool: 'web_search', input: { query: 'tides' }, state: 'done' as const, startedAt: 0, durationMs: 312,
      summary: '2 results for “tides”', output: '…', error: null, sources: [1, 2], approval: null,
    };
    const markdown = exportMarkdown(
      conversation('Tides', [
        message({ id: 'u1', role: 'user', text: 'When is high tide?' }),
        message({
          id: 'a1',
          parentId: 'u1',
          role: 'assistant',
          text: 'At six [1][9].',
          parts: [{ type: 'tool', step }, { type: 'text', text: 'At six [1][9].' }],
          sources: [
            { n: 1, kind: 'web', status: 'read', url: 'https://tides.example/today', title: 'Tide <b>tables</b>', domain: 'tides.example', snippet: null, toolCallId: 'call_1' },
            { n: 2, kind: 'web', status: 'snippet', url: 'javascript:alert(1)', title: 'Moon', domain: '', snippet: 's', toolCallId: 'call_1' },
          ],
          citations: { cited: [1], dangling: [9] },
        }),
      ]),
      EXPORTED_AT,
    );
    expect(markdown).toContain('> **web\\_search**: 2 results for “tides” (done, 312 ms)\n\nAt six [1][9].');
    expect(markdown).toContain('**Sources**\n\n1. [Tide &lt;b&gt;tables&lt;/b&gt;](https://tides.example/today)\n2. Moon (javascript:alert\\(1\\)) (search snippet only)');
    expect(markdown).toContain('_Cited but not a source of this answer: \\[9\\]_');
    expect(markdown).not.toContain('](javascript:');
  });
});
