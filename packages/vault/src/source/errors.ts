/**
 * The errors of reading a vault. Messages are written for an admin: what failed and the path.
 * The sync branches on the class (or `code`), never on the message.
 */

/** Why reading the vault failed. */
export type VaultIndexErrorCode =
  /** The vault folder is missing, not a folder or unreadable (an unmounted NAS share). */
  | 'vault_unavailable'
  /** One note could not be read (deleted between scan and read, permissions, an I/O error). */
  | 'note_unreadable';

/** What a `VaultIndexError` carries besides its message. */
export interface VaultIndexErrorOptions {
  code: VaultIndexErrorCode;
  /** The absolute path that failed. */
  path: string;
  /** The underlying `fs` error, for logs (its `code` is e.g. `ENOENT`, `EACCES`, `EIO`). */
  cause?: unknown;
  /**
   * Whether trying again later may succeed.
   * @default true: a share comes back, a note being written is readable a moment later
   */
  retryable?: boolean;
}

/** Thrown by the source stage when the file system does not give what was asked for. */
export class VaultIndexError extends Error {
  override readonly name: string = 'VaultIndexError';
  readonly code: VaultIndexErrorCode;
  readonly path: string;
  readonly retryable: boolean;

  constructor(message: string, options: VaultIndexErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.path = options.path;
    this.retryable = options.retryable ?? true;
  }
}

/**
 * The vault root is missing or unreadable. The sync treats the vault as offline and deletes
 * nothing from the index (an unmounted share looks exactly like a vault whose notes were deleted).
 */
export class VaultUnavailableError extends VaultIndexError {
  override readonly name = 'VaultUnavailableError';

  constructor(path: string, reason: string, cause?: unknown) {
    super(`The vault at ${path} is unavailable: ${reason}`, { code: 'vault_unavailable', path, cause });
  }
}
