/** `text/html; charset="UTF-8"` → `{ type: 'text/html', charset: 'utf-8' }`; a missing header gives `type: ''`. */
export function parseContentType(header: string | null): { type: string; charset: string | null } {
  if (header === null) return { type: '', charset: null };
  const [type = '', ...parameters] = header.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter);
    if (match?.[1]) charset = match[1].toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}
