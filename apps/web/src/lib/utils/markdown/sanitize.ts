/**
 * DOMPurify on the final HTML (SECURITY.md §4): the second layer after markdown-it `html: false`.
 * Links are forced to open in a new tab without referrer; images load only from our own origin.
 */
import DOMPurify from 'dompurify';
import { ALLOWED_URI_REGEXP, SAME_ORIGIN_IMAGE } from '../safe-urls.ts';

const config = {
  ALLOWED_URI_REGEXP,
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset'],
};

let hooked = false;

function installHooks() {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href === null || href.startsWith('#')) return;
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

/** Sanitized HTML string, safe for the one `{@html}` call site. */
export function sanitizeHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, config);
}
