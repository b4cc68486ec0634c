/**
 * The HTML SearXNG answers with where JSON is not on offer: werkzeug's error pages (what
 * `flask.abort` sends), the limiter's 429, the 308 redirect body, and minimal index/results pages.
 */

/** `werkzeug.exceptions` names and descriptions by status. */
const HTTP_ERRORS: Record<number, [name: string, description: string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  403: ['Forbidden', "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."],
  404: ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  500: ['Internal Server Error', 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.'],
  502: ['Bad Gateway', 'The proxy server received an invalid response from an upstream server.'],
  503: ['Service Unavailable', 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems.  Please try again later.'],
  504: ['Gateway Timeout', 'The connection to an upstream server timed out.'],
};

/** `markupsafe.escape`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[char]!);
}

/** werkzeug's `HTTPException.get_body()`, e.g. the 403 of a disabled format. */
export function werkzeugErrorPage(status: number): string {
  const [name, description] = HTTP_ERRORS[status] ?? ['Error', 'An error occurred.'];
  const title = `<title>${status} ${escapeHtml(name)}</title>\n<h1>${escapeHtml(name)}</h1>`;
  return `<!doctype html>\n<html lang=en>\n${title}\n<p>${escapeHtml(description)}</p>\n`;
}

/** The reason phrase werkzeug sends on the status line (upper case, as werkzeug writes it). */
export function reasonPhrase(status: number): string {
  if (status === 308) return 'PERMANENT REDIRECT';
  if (status === 429) return 'TOO MANY REQUESTS';
  return (HTTP_ERRORS[status]?.[0] ?? (status < 400 ? 'OK' : 'ERROR')).toUpperCase();
}

/** `searx.botdetection` `too_many_requests`: `make_response(('Too Many Requests', 429))`. */
export const LIMITER_BODY = 'Too Many Requests';

/** `werkzeug.utils.redirect` body. */
export function redirectPage(location: string): string {
  const escaped = escapeHtml(location);
  const link = `<a href="${escaped}">${escaped}</a>`;
  return (
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: ${link}. If not, click the link.\n`
  );
}

/** A stand-in for the `simple` theme's start page (`/`, and `/search` without `q` in HTML). */
export function indexPage(): string {
  return page('SearXNG', '<form id="search" method="POST" action="/search"><input id="q" name="q" type="text"></form>');
}

/** A stand-in for the `simple` theme's results page: what a client gets when it forgets `format=json`. */
export function resultsPage(query: string, results: Array<{ url: string; title: string; content: string }>): string {
  const article = ({ url, title, content }: { url: string; title: string; content: string }) =>
    `<article class="result result-default category-general"><h3><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></h3>` +
    `<p class="content">${escapeHtml(content)}</p></article>`;
  const articles = results.map(article).join('\n');
  return page(`${escapeHtml(query)} - SearXNG`, `<div id="urls" role="main">\n${articles}\n</div>`);
}

/** The 500 page of a crashed search in HTML: the start page with an error notice. */
export function searchErrorPage(): string {
  return page('SearXNG', '<div class="dialog-error" role="alert"><p><strong>Error!</strong> search error</p></div>');
}

function page(title: string, body: string): string {
  const head = `<head><meta charset="UTF-8"><title>${title}</title></head>`;
  return `<!DOCTYPE html>\n<html class="no-js theme-auto" lang="en-US">\n${head}\n<body>\n${body}\n</body>\n</html>\n`;
}
