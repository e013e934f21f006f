import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { BackupError, workFiles } from './format.ts';

// The zip around a backup. yazl writes it as a stream (ZIP64 past 4 GB or 65,535 entries, which
// a platform with many attachments reaches); yauzl reads it back through the zip's central
// directory, so any entry can be read first (the manifest, written last) and a file cut short
// is caught before anything is restored.

export interface Written {
  bytes: number;
  sha256: string;
}

export interface ArchiveWriter {
  /** Adds an entry and resolves once all of it is written, with its size and SHA-256. */
  add(name: string, source: Readable | Iterable<Buffer> | AsyncIterable<Buffer>, o: { compress: boolean; size?: number }): Promise<Written>;
  /** Ends the zip and gives it its name: until then it is a partial file beside it. */
  finish(): Promise<number>;
  /** Drops the partial file after a failure. */
  abort(): Promise<void>;
}

/** Counts and hashes what passes through. */
export function digest(): Transform & { result(): Written } {
  const hash = createHash('sha256');
  let bytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { result: () => ({ bytes, sha256: hash.digest('hex') }) });
}

export function createArchive(out: string, mtime: Date): ArchiveWriter {
  const { partial } = workFiles(out);
  // flush: the bytes reach the disk before the file takes its final name.
  const file = createWriteStream(partial, { mode: 0o600, flush: true });
  const zip = new yazl.ZipFile();
  let fail!: (error: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  zip.on('error', (error: Error) => fail(error));
  const written = pipeline(zip.outputStream, file);
  written.catch((error: Error) => fail(error));
  return {
    async add(name, source, o) {
      const counted = digest();
      const flowing = pipeline(source instanceof Readable ? source : Readable.from(source), counted);
      zip.addReadStream(counted, name, { mtime, compress: o.compress, ...(o.size === undefined ? {} : { size: o.size }) });
      await Promise.race([flowing, failed]);
      // The transform has handed on its last byte once yazl has read it to the end.
      if (!counted.readableEnded) await Promise.race([new Promise((resolve) => counted.once('end', resolve)), failed]);
      return counted.result();
    },
    async finish() {
      zip.end();
      await Promise.race([written, failed]);
      await rename(partial, out);
      return file.bytesWritten;
    },
    async abort() {
      file.destroy();
      await unlink(partial).catch(() => undefined);
    },
  };
}

export interface ArchiveReader {
  /** the uncompressed size of each entry, by name */
  readonly entries: ReadonlyMap<string, number>;
  open(name: string): Promise<Readable>;
  close(): void;
}

/** Opens a backup for reading; a file that is not a zip, or is cut short, is a BackupError. */
export async function openArchive(path: string): Promise<ArchiveReader> {
  let zip: yauzl.ZipFile;
  const entries = new Map<string, yauzl.Entry>();
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, strictFileNames: true });
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new BackupError(`${path}: no such file`);
    if (e.code === 'EISDIR') throw new BackupError(`${path} is a folder, not a backup file`);
    const cut = /end of central directory/i.test(e.message);
    throw new BackupError(
      cut
        ? `${path} is not a complete backup: its end is missing (it was cut short, perhaps while being copied, or it is not a backup at all)`
        : `${path} is not a readable backup: ${e.message}`,
    );
  }
  return {
    entries: new Map([...entries].map(([name, e]) => [name, e.uncompressedSize])),
    async open(name) {
      const entry = entries.get(name);
      if (!entry) throw new BackupError(`${path} is not a complete backup: ${name} is missing`);
      return zip.openReadStreamPromise(entry);
    },
    close: () => zip.close(),
  };
}
