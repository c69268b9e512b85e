import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { TableReadError } from './read-table';

export interface SpooledFile {
  path: string;
  bytes: number;
  /** Removes the file; safe to call more than once. */
  remove(): void;
}

/**
 * Writes an upload to a temporary file as it arrives, counting bytes, and stops at `maxBytes`
 * (TableReadError 413) without having parsed or held any of it: a refused upload costs disk
 * for a moment, never memory. The caller parses the file afterwards and removes it.
 */
export async function spoolUpload(stream: Readable, maxBytes: number): Promise<SpooledFile> {
  const file = path.join(os.tmpdir(), `directory-import-${process.pid}-${randomBytes(6).toString('hex')}`);
  const remove = () => fs.rmSync(file, { force: true });
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      if (bytes > maxBytes) throw new TableReadError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it.`, 413);
      if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    remove();
    throw error;
  }
  return { path: file, bytes, remove };
}
