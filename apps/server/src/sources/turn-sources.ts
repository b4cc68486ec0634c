import type { Source } from '@tauceti/contracts';

export interface SourceInput {
  url: string;
  title: string;
  snippet?: string | null;
  toolCallId?: string | null;
}

export interface NoteSourceInput {
  noteId: string;
  title: string;
  heading: string | null;
  /** The viewer's anchor for the heading. */
  anchor: string | null;
  /** The vault's name, shown where a web source shows its domain. */
  vaultName: string;
  snippet?: string | null;
  toolCallId?: string | null;
}

/** The viewer's URL of a note (and heading): same-origin, so a citation opens it in the app. */
export const noteUrl = (noteId: string, anchor: string | null) =>
  `/notes/${encodeURIComponent(noteId)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;

export interface TurnSources {
  /**
   * A search result seen only as a snippet. Its number is kept if the page is read later; a URL
   * already known keeps its number and status.
   */
  addSnippet(input: SourceInput): Source;
  /**
   * A page whose text was given to the model. `alsoKnownAs` are the other URLs it was reached by
   * (the URL asked for, before redirects): a snippet under any of them is upgraded in place, so the
   * number the model saw in the search results stays the number of what it read.
   */
  addRead(input: SourceInput & { alsoKnownAs?: readonly string[] }): Source;
  /**
   * A passage of a note that was retrieved and given to the model (`read`). `url` is the in-app
   * viewer's; the same note and heading keep one number.
   */
  addNote(input: NoteSourceInput): Source;
  /** The source a URL is known by (as given, or reached through), if any. */
  find(url: string): Source | undefined;
  list(): Source[];
  has(n: number): boolean;
}

/** The key a URL is known by: no fragment, no trailing slash on the path, host in lower case. */
export function urlKey(raw: string): string {
  try {
    const url = new URL(raw);
    url.hash = '';
    if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
    return url.href;
  } catch {
    return raw.trim();
  }
}

function domainOf(raw: string): string {
  try {
    return new URL(raw).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * The numbered sources of one turn: every page read and every search snippet seen gets a number
 * the answer may cite as `[n]`. Numbers are handed out in the order things were found and never
 * change within the turn. Citations are built from these records, never from model text.
 */
export function createTurnSources(onChange: (sources: Source[]) => void = () => {}): TurnSources {
  const sources: Source[] = [];
  const byKey = new Map<string, Source>();

  const add = (input: SourceInput, status: Source['status'], keys: string[], note?: { domain: string }): Source => {
    const source: Source = {
      n: sources.length + 1,
      kind: note ? 'note' : 'web',
      status,
      url: input.url,
      title: input.title.trim() || domainOf(input.url) || input.url,
      domain: note ? note.domain : domainOf(input.url),
      snippet: input.snippet ?? null,
      toolCallId: input.toolCallId ?? null,
    };
    sources.push(source);
    for (const key of keys) byKey.set(key, source);
    onChange(sources.map((entry) => ({ ...entry })));
    return source;
  };

  return {
    addSnippet(input) {
      const key = urlKey(input.url);
      return byKey.get(key) ?? add(input, 'snippet', [key]);
    },

    addRead({ alsoKnownAs = [], ...input }) {
      const keys = [...new Set([input.url, ...alsoKnownAs].map(urlKey))];
      const known = keys.map((key) => byKey.get(key)).find((source) => source !== undefined);
      if (!known) return add(input, 'read', keys);
      if (known.status === 'snippet' || known.url !== input.url) {
        known.status = 'read';
        known.url = input.url;
        known.domain = domainOf(input.url);
        if (input.title.trim()) known.title = input.title.trim();
        known.toolCallId = input.toolCallId ?? known.toolCallId;
        onChange(sources.map((entry) => ({ ...entry })));
      }
      for (const key of keys) byKey.set(key, known);
      return known;
    },

    addNote({ noteId, title, heading, anchor, vaultName, snippet = null, toolCallId = null }) {
      const url = noteUrl(noteId, anchor);
      const key = `note:${url}`;
      const label = heading ? `${title} › ${heading}` : title;
      return byKey.get(key) ?? add({ url, title: label, snippet, toolCallId }, 'read', [key], { domain: vaultName });
    },

    find(url) {
      return byKey.get(urlKey(url));
    },

    list() {
      return sources.map((source) => ({ ...source }));
    },

    has(n) {
      return n >= 1 && n <= sources.length;
    },
  };
}
