import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { id as idSchema } from '@tauceti/contracts';

/**
 * The bytes of attached images, one file per upload id under `DATA_DIR/uploads`. Ids are checked
 * against the id format before they become paths, so no request can name a file outside.
 */
export function createUploadFiles(directory: string) {
  mkdirSync(directory, { recursive: true });
  const pathOf = (uploadId: string) => {
    if (!idSchema.safeParse(uploadId).success) throw new Error(`invalid upload id ${JSON.stringify(uploadId)}`);
    return join(directory, uploadId);
  };
  return {
    directory,
    async save(uploadId: string, bytes: Uint8Array): Promise<void> {
      await writeFile(pathOf(uploadId), bytes, { flag: 'wx' });
    },
    read(uploadId: string): Promise<Buffer> {
      return readFile(pathOf(uploadId));
    },
    async readBase64(uploadId: string): Promise<string> {
      return (await readFile(pathOf(uploadId))).toString('base64');
    },
    async remove(uploadId: string): Promise<void> {
      await rm(pathOf(uploadId), { force: true });
    },
  };
}

export type UploadFiles = ReturnType<typeof createUploadFiles>;
