/**
 * ComfyUI's `input/`, `output/` and `temp/` folders, in memory, with the path rules of
 * `folder_paths.py` (`annotated_filepath`, `get_save_image_path`'s counter) and of `server.py`'s
 * `/view` and `/upload/image` (normpath, traversal checks, `name (1).png`).
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

export type FolderType = 'input' | 'output' | 'temp';

export const FOLDER_TYPES: readonly FolderType[] = ['input', 'output', 'temp'];

/** One stored file. */
export interface StoredFile {
  type: FolderType;
  /** Relative folder, `''` for the top level, `/`-separated. */
  subfolder: string;
  filename: string;
  bytes: Buffer;
  modifiedAt: number;
}

/** `mimetypes.guess_type` for the extensions ComfyUI deals in. */
const MIME_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.svg': 'image/svg+xml',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.latent': 'application/octet-stream',
};

export function guessMimeType(filename: string): string | undefined {
  return MIME_TYPES[posix.extname(filename).toLowerCase()];
}

/** `os.path.normpath` of a relative folder: `''` for `.`, `null` when it escapes (`..`, absolute). */
export function normaliseSubfolder(subfolder: string): string | null {
  if (subfolder.startsWith('/')) return null;
  const normal = posix.normalize(subfolder || '.');
  if (normal === '..' || normal.startsWith('../')) return null;
  return normal === '.' || normal === './' ? '' : normal.replace(/\/$/, '');
}

/** `folder_paths.annotated_filepath`: `photo.png [input]` names a file in another folder. */
export function annotatedFilepath(name: string): { name: string; type: FolderType | null } {
  for (const type of FOLDER_TYPES) {
    const suffix = `[${type}]`;
    if (name.endsWith(suffix)) return { name: name.slice(0, -suffix.length).trim(), type };
  }
  return { name, type: null };
}

export class FileStore {
  readonly #files = new Map<string, StoredFile>();

  get(type: FolderType, subfolder: string, filename: string): StoredFile | undefined {
    return this.#files.get(key(type, subfolder, filename));
  }

  put(type: FolderType, subfolder: string, filename: string, bytes: Buffer): StoredFile {
    const file = { type, subfolder, filename, bytes, modifiedAt: Date.now() };
    this.#files.set(key(type, subfolder, filename), file);
    return file;
  }

  /** Every file, in creation order (optionally of one folder type). */
  list(type?: FolderType): StoredFile[] {
    return [...this.#files.values()].filter((file) => type === undefined || file.type === type);
  }

  /** `temp/` is emptied when ComfyUI starts. */
  clearTemp(): void {
    for (const [name, file] of this.#files) if (file.type === 'temp') this.#files.delete(name);
  }

  /** Top-level images in `input/`, sorted, as LoadImage's combo lists them. */
  inputImages(): string[] {
    return this.list('input')
      .filter((file) => file.subfolder === '' && guessMimeType(file.filename)?.startsWith('image/'))
      .map((file) => file.filename)
      .sort();
  }

  /** `folder_paths.exists_annotated_filepath` for an input name (`sub/photo.png`, `x.png [output]`). */
  exists(name: string): boolean {
    const annotated = annotatedFilepath(name);
    const dir = posix.dirname(annotated.name);
    const subfolder = normaliseSubfolder(dir === '.' ? '' : dir);
    if (subfolder === null) return false;
    return this.get(annotated.type ?? 'input', subfolder, posix.basename(annotated.name)) !== undefined;
  }

  /** The file an input name points at, as LoadImage opens it. */
  resolveInput(name: string): StoredFile | undefined {
    const annotated = annotatedFilepath(name);
    const dir = posix.dirname(annotated.name);
    const subfolder = normaliseSubfolder(dir === '.' ? '' : dir);
    return subfolder === null ? undefined : this.get(annotated.type ?? 'input', subfolder, posix.basename(annotated.name));
  }

  /**
   * `folder_paths.get_save_image_path`: the subfolder and base name from the prefix, and the next
   * counter (one more than the highest `<name>_<digits>` already in that folder). `null` when the
   * prefix points outside the folder.
   */
  saveImagePath(prefix: string, type: FolderType, width: number, height: number): { subfolder: string; filename: string; counter: number } | null {
    let expanded = prefix;
    if (expanded.includes('%')) expanded = computeVars(expanded, width, height);
    const normal = posix.normalize(expanded);
    const dir = posix.dirname(normal);
    const subfolder = normaliseSubfolder(dir === '.' ? '' : dir);
    if (subfolder === null || normal.startsWith('/')) return null;
    const filename = posix.basename(normal);
    const prefixLength = posix.basename(prefix).length;
    let highest = 0;
    for (const file of this.list(type)) {
      if (file.subfolder !== subfolder) continue;
      const head = file.filename.slice(0, prefixLength + 1);
      if (head.slice(0, -1).toLowerCase() !== filename.toLowerCase() || !head.endsWith('_')) continue;
      const digits = Number.parseInt(file.filename.slice(prefixLength + 1).split('_')[0] ?? '', 10);
      highest = Math.max(highest, Number.isNaN(digits) ? 0 : digits);
    }
    return { subfolder, filename, counter: highest + 1 };
  }

  /**
   * Stores an upload as `image_upload` does: without `overwrite` a taken name becomes
   * `name (1).png`, `name (2).png`…, unless one of them already holds the same bytes (reused).
   */
  upload(type: FolderType, subfolder: string, filename: string, bytes: Buffer, overwrite: boolean): string {
    if (!overwrite) {
      const dot = filename.lastIndexOf('.');
      const [stem, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ''];
      let name = filename;
      for (let i = 1; this.get(type, subfolder, name); i++) {
        if (sameBytes(this.get(type, subfolder, name)!.bytes, bytes)) return name;
        name = `${stem} (${i})${ext}`;
      }
      filename = name;
    }
    this.put(type, subfolder, filename, bytes);
    return filename;
  }
}

function key(type: FolderType, subfolder: string, filename: string): string {
  return `${type}\u0000${subfolder}\u0000${filename}`;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  // node_helpers.hasher() is sha256.
  return createHash('sha256').update(a).digest('hex') === createHash('sha256').update(b).digest('hex');
}

/** `compute_vars`: `%width%`, `%height%`, `%year%`… in a filename prefix. */
function computeVars(input: string, width: number, height: number): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return input
    .replaceAll('%width%', String(width))
    .replaceAll('%height%', String(height))
    .replaceAll('%year%', String(now.getFullYear()))
    .replaceAll('%month%', pad(now.getMonth() + 1))
    .replaceAll('%day%', pad(now.getDate()))
    .replaceAll('%hour%', pad(now.getHours()))
    .replaceAll('%minute%', pad(now.getMinutes()))
    .replaceAll('%second%', pad(now.getSeconds()));
}
