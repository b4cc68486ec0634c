/** The URLs the app lets into rendered content (SECURITY.md §4); shared by the sanitizer and components. */

/** Link and image targets allowed in Markdown (model answers and notes alike). */
export const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|\/api\/uploads\/|\/api\/images\/|#)/i;

/** Images that may load inline: the server's own uploads and generated images. */
export const SAME_ORIGIN_IMAGE = /^\/api\/(?:uploads|images)\/[A-Za-z0-9_-]+$/;

/**
 * Generated images as the server names them: the full image, its WebP thumbnail, and a job's latest
 * live preview (`?n=` changes with each frame so the browser fetches it anew).
 */
export const GENERATED_IMAGE_URL = /^\/api\/images\/(?:[A-Za-z0-9_-]+(?:\/thumbnail)?|jobs\/[A-Za-z0-9_-]+\/preview(?:\?n=\d+)?)$/;

/** The URL when it is one of the server's generated images, else null (nothing else loads in a card). */
export const generatedImageUrl = (url: string | null): string | null => (url !== null && GENERATED_IMAGE_URL.test(url) ? url : null);

/** A note id as the index makes them (a hash of the path): nothing that needs escaping in a URL. */
export const NOTE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The in-app note viewer, `/notes/<id>` with an optional `#anchor` (as `encodeURIComponent` writes
 * it). Only this exact shape is a same-origin link in rendered HTML, and only our own renderers write
 * it (citation chips of note sources, wikilinks): Markdown links to it are refused like any relative URL.
 */
export const NOTE_VIEWER_URL = /^\/notes\/[A-Za-z0-9_-]{1,128}(?:#[A-Za-z0-9%._~!*'()-]*)?$/;

/** What the sanitizer lets through: the Markdown targets plus the note viewer's exact shape. */
export const SANITIZER_URI_REGEXP = /^(?:https?:|mailto:|\/api\/uploads\/|\/api\/images\/|#|\/notes\/[A-Za-z0-9_-]{1,128}(?:#[A-Za-z0-9%._~!*'()-]*)?$)/i;

export const isNoteViewerUrl = (url: string): boolean => NOTE_VIEWER_URL.test(url);

/** The viewer's address of a note (and heading), the way the server writes a note source's `url`. */
export function noteViewerPath(noteId: string, anchor: string | null = null): string {
  return `/notes/${encodeURIComponent(noteId)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

/** Only Obsidian's own scheme opens Obsidian; anything else in that field is not a link. */
export const isObsidianUri = (uri: string): boolean => /^obsidian:\/\/[a-z-]+\?/i.test(uri);
