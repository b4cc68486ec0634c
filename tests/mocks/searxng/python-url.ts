/**
 * `urllib.parse.urlparse(url)` as the 6-element list `parsed_url` is serialised to:
 * `[scheme, netloc, path, params, query, fragment]`. Unlike WHATWG `URL`, nothing is normalised.
 */
export function pythonUrlparse(url: string): [string, string, string, string, string, string] {
  let rest = url;
  let scheme = '';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end === -1 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end === -1 ? '' : rest.slice(end + 2);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash !== -1) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let query = '';
  const question = rest.indexOf('?');
  if (question !== -1) [rest, query] = [rest.slice(0, question), rest.slice(question + 1)];
  // params belong to the last path segment only (`/a;x/b;y` → path `/a;x/b`, params `y`).
  let params = '';
  const semicolon = rest.indexOf(';', rest.lastIndexOf('/') + 1);
  if (semicolon !== -1) [rest, params] = [rest.slice(0, semicolon), rest.slice(semicolon + 1)];
  return [scheme, netloc, rest, params, query, fragment];
}
