/** Tau Ceti's version, shown by `/api/status` and the CLI. */
export const VERSION = '0.1.0';
