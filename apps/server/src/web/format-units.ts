const MIB = 1024 * 1024;

/** `5242880` → `5 MB`, `1536` → `1.5 KB`: sizes as a person (or a model) reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${round(bytes / MIB)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** `10000` → `10 s`, `250` → `0.25 s`. */
export const formatSeconds = (ms: number) => `${round(ms / 1000)} s`;

const round = (value: number) => String(Math.round(value * 100) / 100);
