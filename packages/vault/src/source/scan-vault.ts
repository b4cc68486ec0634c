import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { VaultUnavailableError } from './errors.ts';

/** 2 MiB: far above any hand-written note; above it a file is an export, a log or a paste. */
const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Markdown under another extension: Obsidian does not open these as notes either, but someone may
 * expect them indexed, so they are listed (attachments are only counted: a vault holds thousands).
 */
const MARKDOWN_LIKE = new Set(['.markdown', '.mdown', '.mkd', '.mdx']);

export interface ScanOptions {
  /**
   * Notes larger than this many bytes are skipped as `too-large`.
   * @default 2 MiB (2_097_152)
   */
  maxFileBytes?: number;
  /**
   * The vault's configuration folder at its root (Obsidian's "Override config folder").
   * @default '.obsidian'
   */
  configDir?: string;
}

/** A Markdown note found by the scan. */
export interface ScannedFile {
  /** Vault-relative, `/` separators, with its `.md`: `Garden/Tomatoes.md`. */
  path: string;
  /** Under the root as given (not its realpath), so messages speak of the configured folder. */
  absolutePath: string;
  size: number;
  mtimeMs: number;
}

export type SkipReason = 'hidden' | 'trash' | 'not-markdown' | 'too-large' | 'symlink-outside' | 'unreadable' | 'sync-conflict';

/** A file or folder the scan left out; a hidden or trash folder is listed once, not its files. */
export interface SkippedEntry {
  path: string;
  reason: SkipReason;
}

export interface ScanResult {
  /** Sorted by path. */
  files: ScannedFile[];
  /** Sorted by path. Attachments are not listed here: see `otherFiles`. */
  skipped: SkippedEntry[];
  /** How many attachments and other non-Markdown files were passed over (images, PDFs, canvases). */
  otherFiles: number;
}

/**
 * Lists the notes of a vault, synchronously (per-file async reads cost 5-11× on small files,
 * PERFORMANCE §3.2). Leaves out the config folder, `.trash/`, every other dot-file and dot-folder,
 * non-Markdown files, files over `maxFileBytes`, and symlinks whose target leaves the vault.
 * Symlinks inside the vault are followed, and each real file is listed once (under its own path
 * when it is also reachable directly), so link loops end and nothing is indexed twice.
 *
 * @throws VaultUnavailableError when the root does not exist, is not a folder or cannot be read.
 */
export function scanVault(root: string, options: ScanOptions = {}): ScanResult {
  const absoluteRoot = path.resolve(root);
  const scan = new VaultScan({
    absoluteRoot,
    realRoot: openRoot(absoluteRoot),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    configDir: options.configDir ?? '.obsidian',
  });
  scan.walk('', absoluteRoot, scan.realRoot);
  scan.followLinks();
  scan.files.sort((a, b) => compare(a.path, b.path));
  scan.skipped.sort((a, b) => compare(a.path, b.path));
  return { files: scan.files, skipped: scan.skipped, otherFiles: scan.otherFiles };
}

interface VaultScanOptions {
  absoluteRoot: string;
  realRoot: string;
  maxFileBytes: number;
  configDir: string;
}

/** The state of one scan: what was found, and the real paths already seen. */
class VaultScan {
  readonly files: ScannedFile[] = [];
  readonly skipped: SkippedEntry[] = [];
  otherFiles = 0;
  readonly realRoot: string;
  readonly #options: VaultScanOptions;
  // Real paths already walked or listed: a symlink to one of them adds nothing (and ends loops).
  readonly #seen = new Set<string>();
  // Symlinks wait until every real folder has been walked, so a real path always wins over a link.
  readonly #links: { rel: string; abs: string }[] = [];

  constructor(options: VaultScanOptions) {
    this.#options = options;
    this.realRoot = options.realRoot;
  }

  /** Walks real folders from one start; symlinks met on the way are queued for `followLinks`. */
  walk(startRel: string, startAbs: string, startReal: string): void {
    const folders = [{ rel: startRel, abs: startAbs, real: startReal }];
    for (let folder = folders.pop(); folder; folder = folders.pop()) {
      this.#seen.add(folder.real);
      let entries: Dirent[];
      try {
        entries = readdirSync(folder.abs, { withFileTypes: true });
      } catch (error) {
        if (folder.rel === '') {
          throw new VaultUnavailableError(this.#options.absoluteRoot, 'its folder cannot be listed', error);
        }
        this.skipped.push({ path: folder.rel, reason: 'unreadable' });
        continue;
      }
      for (const entry of entries) {
        const rel = folder.rel === '' ? entry.name : `${folder.rel}/${entry.name}`;
        const reason = this.#skipReason(entry.name, folder.rel === '');
        if (reason) {
          this.skipped.push({ path: rel, reason });
          continue;
        }
        const abs = path.join(folder.abs, entry.name);
        const real = path.join(folder.real, entry.name);
        const kind = entryKind(entry, abs);
        if (kind === 'symlink') this.#links.push({ rel, abs });
        else if (kind === 'folder') folders.push({ rel, abs, real });
        else if (kind === 'file') this.#addFile(rel, abs, real, statOrNull(abs));
        else if (kind === 'unreadable') this.skipped.push({ path: rel, reason: 'unreadable' });
      }
    }
  }

  /** Follows the queued symlinks (and those found below them) whose target stays in the vault. */
  followLinks(): void {
    for (let link = this.#links.shift(); link; link = this.#links.shift()) {
      const { rel, abs } = link;
      let real: string;
      let stats: Stats;
      try {
        real = realpathSync(abs);
        stats = statSync(abs);
      } catch {
        this.skipped.push({ path: rel, reason: 'unreadable' }); // dangling, or a loop the OS refused
        continue;
      }
      if (!isInside(real, this.realRoot)) {
        this.skipped.push({ path: rel, reason: 'symlink-outside' });
        continue;
      }
      if (this.#seen.has(real)) continue;
      // A link into `.obsidian/` or `.trash/` must not expose what the scan leaves out on purpose.
      const targetReason = this.#targetSkipReason(real);
      if (targetReason) this.skipped.push({ path: rel, reason: targetReason });
      else if (stats.isDirectory()) this.walk(rel, abs, real);
      else if (stats.isFile()) this.#addFile(rel, abs, real, stats);
    }
  }

  #addFile(rel: string, abs: string, real: string, stats: Stats | null): void {
    this.#seen.add(real);
    const extension = path.extname(rel).toLowerCase();
    if (!stats) this.skipped.push({ path: rel, reason: 'unreadable' }); // deleted since listed, or no permission
    else if (extension === '.md') {
      if (SYNC_CONFLICT.test(path.basename(rel))) this.skipped.push({ path: rel, reason: 'sync-conflict' });
      else if (stats.size > this.#options.maxFileBytes) this.skipped.push({ path: rel, reason: 'too-large' });
      else this.files.push({ path: rel, absolutePath: abs, size: stats.size, mtimeMs: stats.mtimeMs });
    } else if (MARKDOWN_LIKE.has(extension)) this.skipped.push({ path: rel, reason: 'not-markdown' });
    else this.otherFiles++;
  }

  /** `.trash/` and the config folder only mean something at the root; any dot-name is hidden. */
  #skipReason(name: string, atRoot: boolean): SkipReason | null {
    if (atRoot && name === '.trash') return 'trash';
    if ((atRoot && name === this.#options.configDir) || name.startsWith('.')) return 'hidden';
    return null;
  }

  #targetSkipReason(real: string): SkipReason | null {
    if (real === this.realRoot) return null;
    const segments = path.relative(this.realRoot, real).split(path.sep);
    for (const [index, segment] of segments.entries()) {
      const reason = this.#skipReason(segment, index === 0);
      if (reason) return reason;
    }
    return null;
  }
}

/**
 * Copies a sync tool leaves beside a note it could not merge (Syncthing `.sync-conflict-…`,
 * Dropbox and Nextcloud "conflicted copy"): indexing them would show every fact twice.
 */
const SYNC_CONFLICT = /\.sync-conflict-\d{8}-\d{6}|\(conflicted copy\b|\bconflicted copy \d{4}-\d{2}-\d{2}|_conflict-\d{8}-\d{6}/i;

function openRoot(absoluteRoot: string): string {
  let real: string;
  let stats: Stats;
  try {
    real = realpathSync(absoluteRoot);
    stats = statSync(real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the folder does not exist' : `it cannot be read (${code ?? 'error'})`;
    throw new VaultUnavailableError(absoluteRoot, reason, error);
  }
  if (!stats.isDirectory()) throw new VaultUnavailableError(absoluteRoot, 'it is not a folder');
  return real;
}

/** The realpath must be the root or below it: a bare prefix test would let `<root>-secret` in. */
function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

type EntryKind = 'file' | 'folder' | 'symlink' | 'other' | 'unreadable';

function entryKind(entry: Dirent, abs: string): EntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()) return 'other';
  // Some network file systems (CIFS, NFS, FUSE) report DT_UNKNOWN: every is*() above is false.
  try {
    const stats = lstatSync(abs);
    if (stats.isSymbolicLink()) return 'symlink';
    if (stats.isDirectory()) return 'folder';
    return stats.isFile() ? 'file' : 'other';
  } catch {
    return 'unreadable';
  }
}

function statOrNull(abs: string): Stats | null {
  try {
    return statSync(abs);
  } catch {
    return null;
  }
}

/** Code-unit order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
