import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyContextConfig, FastifyRequest } from 'fastify';

// Uploads are streamed to a temporary file as they arrive, never held in memory: the size is
// counted and the SHA-256 computed on the way, and busboy stops passing bytes at the limit (the
// rest of the request is read and dropped). Only a signed-in editor's file is written at all;
// anyone else's is drained, and the route's guards then refuse the request as usual. The
// multipart plugin deletes the temporary file once the response is sent.

export interface SpooledFile {
  /** the temporary file */
  path: string;
  /** the name the browser gave, untrusted */
  name: string;
  size: number;
  sha256: string;
  /** more bytes came than the limit allows; the file holds only the first ones */
  tooBig: boolean;
}

export function isSpooled(value: unknown): value is SpooledFile {
  return typeof value === 'object' && value !== null && typeof (value as SpooledFile).path === 'string' && typeof (value as SpooledFile).sha256 === 'string';
}

const drain = (part: MultipartFile) =>
  pipeline(
    part.file,
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
  );

/** The files of a field that takes several (`multiple`): none, one, or a list. */
export const spooledFiles = (value: unknown): SpooledFile[] => (Array.isArray(value) ? value : [value]).filter(isSpooled);

/**
 * Route config for a form with one file field: the limit of a file, how many files the request
 * may carry (one, unless the field takes several), and where they go.
 */
export function uploadConfig(o: {
  field: string;
  maxBytes: number;
  files?: number;
  mayUpload: (req: FastifyRequest) => Promise<boolean>;
}): FastifyContextConfig {
  return {
    multipartOptions: { limits: { fileSize: o.maxBytes, files: o.files ?? 1 } },
    async onUpload(req, part) {
      if (part.fieldname !== o.field || !(await o.mayUpload(req))) return drain(part);
      const path = join(tmpdir(), `intve-upload-${randomUUID()}`);
      // Registered before the first byte, so the plugin removes it whatever happens next.
      (req.tmpUploads ??= []).push(path);
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(part.file, measure, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      const spooled: SpooledFile = { path, name: part.filename ?? '', size, sha256: hash.digest('hex'), tooBig: part.file.truncated || size > o.maxBytes };
      part.value = spooled;
    },
  };
}
