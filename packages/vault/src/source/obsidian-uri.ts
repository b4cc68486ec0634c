/**
 * A link that opens a note (at a heading) in the Obsidian app: `obsidian://open?vault=…&file=…`.
 * Values are percent-encoded as the URI scheme wants (`/` → `%2F`, space → `%20`, `#` → `%23`);
 * `.md` is left off, as Obsidian's own "Copy Obsidian URL" does.
 *
 * @param vaultName The vault's name as Obsidian knows it (its folder name), not a path.
 * @param notePath Vault-relative path, `/` separators: `Home/Boiler.md`.
 * @param heading The heading to open at (`Note#Heading`); `^id` opens at a block. Null or omitted: the top.
 */
export function obsidianUri(vaultName: string, notePath: string, heading?: string | null): string {
  const file = notePath.replace(/\.md$/i, '') + (heading ? `#${heading}` : '');
  return `obsidian://open?vault=${encode(vaultName)}&file=${encode(file)}`;
}

/** encodeURIComponent, plus the characters it leaves alone that other URI parsers treat specially. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
