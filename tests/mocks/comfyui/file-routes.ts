/**
 * `GET /view` and `POST /upload/image` (`server.py` `view_image`, `image_upload`) over the
 * in-memory folders, with their status codes: 404 without `filename` or for a missing file, 400
 * for an empty name, a leading `/`, `..` or an unknown `type`, 403 for a subfolder that escapes.
 */
import { posix } from 'node:path';
import { annotatedFilepath, FOLDER_TYPES, guessMimeType, normaliseSubfolder, type FolderType } from './file-store.ts';
import { sendEmpty, sendInternalError, sendJson, send } from './http-util.ts';
import { reencode } from './images.ts';
import { parseMultipart, type FormField } from './multipart.ts';
import type { RouteContext } from './route-context.ts';

/** Types `/view` serves inline no matter what; these would run script in the page's origin. */
const FORCED_DOWNLOAD = new Set(['text/html', 'text/html-sandboxed', 'application/xhtml+xml', 'text/javascript', 'text/css']);

export async function getView({ res, url, state, headOnly }: RouteContext): Promise<void> {
  const query = url.searchParams;
  if (!query.has('filename')) return sendEmpty(res, 404);
  const annotated = annotatedFilepath(query.get('filename')!);
  if (!annotated.name) return sendEmpty(res, 400);
  if (annotated.name.startsWith('/') || annotated.name.includes('..')) return sendEmpty(res, 400);
  const type = annotated.type ?? query.get('type') ?? 'output';
  if (!FOLDER_TYPES.includes(type as FolderType)) return sendEmpty(res, 400);
  let subfolder = '';
  if (query.has('subfolder')) {
    const normal = normaliseSubfolder(query.get('subfolder')!);
    if (normal === null) return sendEmpty(res, 403);
    subfolder = normal;
  }
  const filename = posix.basename(annotated.name);
  const file = state.files.get(type as FolderType, subfolder, filename);
  if (!file) return sendEmpty(res, 404);
  const disposition = { 'Content-Disposition': `filename="${filename}"` };
  const channel = query.get('channel') ?? 'rgba';
  try {
    if (query.has('preview')) {
      const parts = query.get('preview')!.split(';');
      const format = parts[0] === 'jpeg' && !(query.get('channel') ?? '').includes('a') ? 'jpeg' : 'webp';
      const quality = /^\d+$/.test(parts.at(-1) ?? '') ? Number(parts.at(-1)) : 90;
      const bytes = await reencode(file.bytes, { format, quality, channel: channel === 'rgb' ? 'rgb' : undefined });
      return send(res, 200, { 'Content-Type': `image/${format}`, ...disposition }, bytes, headOnly);
    }
    if (channel === 'rgb' || channel === 'a') {
      const bytes = await reencode(file.bytes, { format: 'png', channel });
      return send(res, 200, { 'Content-Type': 'image/png', ...disposition }, bytes, headOnly);
    }
  } catch {
    return sendInternalError(res); // PIL could not open it
  }
  let contentType = guessMimeType(filename) ?? 'application/octet-stream';
  if (FORCED_DOWNLOAD.has(contentType)) contentType = 'application/octet-stream';
  send(
    res,
    200,
    { 'Content-Type': contentType, ...disposition, 'Last-Modified': new Date(file.modifiedAt).toUTCString(), 'Accept-Ranges': 'bytes' },
    file.bytes,
    headOnly,
  );
}

export function postUploadImage({ req, res, body, state }: RouteContext): void {
  const contentType = req.headers['content-type'] ?? '';
  let fields: FormField[] = [];
  if (contentType.toLowerCase().startsWith('multipart/form-data')) fields = parseMultipart(body, contentType);
  else if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    fields = [...new URLSearchParams(body.toString('utf8'))].map(([name, value]) => ({ name, data: Buffer.from(value) }));
  }
  const field = (name: string) => fields.find((candidate) => candidate.name === name);
  const text = (name: string) => field(name)?.data.toString('utf8');

  const image = field('image');
  const overwrite = text('overwrite');
  const requestedType = text('type') ?? 'input';
  // get_dir_by_type leaves the folder unbound for other types: UnboundLocalError, a 500.
  if (!FOLDER_TYPES.includes(requestedType as FolderType)) return sendInternalError(res);
  const type = requestedType as FolderType;
  if (!image || (image.data.length === 0 && image.filename === undefined)) return sendEmpty(res, 400);
  if (image.filename === undefined) return sendInternalError(res); // a text field: `image.file` is an AttributeError
  if (!image.filename) return sendEmpty(res, 400);
  const subfolder = text('subfolder') ?? '';
  const folder = normaliseSubfolder(subfolder);
  const target = folder === null ? null : normaliseSubfolder(posix.join(folder || '.', image.filename));
  if (folder === null || target === null || image.filename.startsWith('/')) return sendEmpty(res, 400);
  const dir = posix.dirname(target);
  const name = state.files.upload(type, dir === '.' ? '' : dir, posix.basename(target), Buffer.from(image.data), overwrite === 'true' || overwrite === '1');
  sendJson(res, 200, { name: dir === '.' || dir === folder ? name : posix.join(posix.relative(folder || '.', dir), name), subfolder, type });
}
