/**
 * DOMPurify on the final HTML (SECURITY.md §4): the second layer after markdown-it `html: false`.
 * Links are forced to open in a new tab without referrer; images load only from our own origin. The
 * one exception is the note viewer: a link of our own renderers (a note's citation chip, a
 * wikilink) to its exact `/notes/<id>#anchor` shape stays in the tab and is followed by the router.
 */
import DOMPurify from 'dompurify';
import { NOTE_VIEWER_URL, SAME_ORIGIN_IMAGE, SANITIZER_URI_REGEXP } from '../safe-urls.ts';

const config = {
  ALLOWED_URI_REGEXP: SANITIZER_URI_REGEXP,
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset'],
};

/** Classes only our renderers write (markdown-it `html: false` lets no text choose a class). */
const IN_APP_LINK_CLASSES = ['citation', 'note-link'];

let hooked = false;

function installHooks() {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.removeAttribute('data-in-app');
      const href = node.getAttribute('href');
      if (href === null || href.startsWith('#')) return;
      if (/^\/notes\//i.test(href)) {
        markInApp(node, href);
        return;
      }
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
      node.setAttribute('referrerpolicy', 'no-referrer');
      // A citation chip's title names its source (from the server's records, not the model).
      markHost(node, href, { keepTitle: node.classList.contains('citation') });
    } else if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      // Only our own images load; anything else would reach a foreign host (tracking, exfiltration).
      if (!SAME_ORIGIN_IMAGE.test(src)) node.removeAttribute('src');
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
}

/** A same-origin link stays only as the note viewer's exact shape, written by our own renderers. */
function markInApp(node: Element, href: string) {
  const isOurs = IN_APP_LINK_CLASSES.some((name) => node.classList.contains(name));
  if (!isOurs || !NOTE_VIEWER_URL.test(href)) {
    node.removeAttribute('href');
    return;
  }
  node.removeAttribute('target');
  node.setAttribute('data-in-app', '');
}

/** Shows where a link really goes; punycode hosts (look-alike domains) are flagged. */
function markHost(node: Element, href: string, options: { keepTitle: boolean }) {
  let host = '';
  try {
    host = new URL(href).hostname;
  } catch {
    return;
  }
  const isPunycode = host.split('.').some((label) => label.startsWith('xn--'));
  if (isPunycode) node.setAttribute('title', `Look-alike (punycode) domain ${host}: ${href}`);
  else if (!options.keepTitle) node.setAttribute('title', href);
  if (isPunycode) node.classList.add('punycode-host');
}

/** Sanitized HTML string, safe for the `{@html}` call sites (a message's text, a note's body). */
export function sanitizeHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, config);
}
