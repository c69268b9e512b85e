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
 *
 * The upload stream is never destroyed here: on refusal it is left paused with its listeners
 * removed, so the caller can answer first and then drain what the client is still sending.
 * Destroying it would close the socket with unread bytes in its receive buffer, and the client
 * would get a reset instead of the answer.
 */
export function spoolUpload(stream: Readable, maxBytes: number): Promise<SpooledFile> {
  const file = path.join(os.tmpdir(), `directory-import-${process.pid}-${randomBytes(6).toString('hex')}`);
  const remove = () => fs.rmSync(file, { force: true });
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  return new Promise<SpooledFile>((resolve, reject) => {
    const detach = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
    };
    const fail = (error: Error) => {
      detach();
      stream.pause();
      out.destroy();
      remove();
      reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      if (bytes > maxBytes) return fail(new TableReadError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it.`, 413));
      if (!out.write(buf)) {
        stream.pause();
        out.once('drain', () => stream.resume());
      }
    };
    const onEnd = () => {
      detach();
      out.end((error?: Error | null) => (error ? fail(error) : resolve({ path: file, bytes, remove })));
    };
    const onError = (error: Error) => fail(error);
    const onAborted = () => fail(new Error('The client closed the connection before the upload ended.'));
    out.once('error', fail);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('aborted', onAborted);
  });
}
