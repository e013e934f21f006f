import { brotliCompress, constants, createGzip, type BrotliOptions, type Gzip, type ZlibOptions, type ZlibReset } from 'node:zlib';
import { promisify } from 'node:util';

// Compression off the event loop, in libuv's thread pool. Node tells V8 what each compression
// stream holds in native memory (about 256 KB for gzip), and V8 starts a full collection of the
// server's heap whenever that "external" memory has grown by some tens of MB. A new stream for
// every answer made one full collection a second under load, each a pause of 5–10 ms in some
// answer (bench/README.md). So gzip streams are kept and reused: after a body, the stream is
// finished with Z_FINISH, which ends the gzip member, and reset for the next. Brotli streams
// cannot be reset; a brotli stream gets a window no larger than the body, which keeps it small.

/** gzip level 6: zlib's default, most of the gain for little time */
export const GZIP: ZlibOptions = { level: 6 };
/** streams kept for reuse: libuv's pool runs four compressions at a time by default */
const KEEP_IDLE = 8;
/** Gzip streams have zlib's reset() (deflateReset), though Node's types give it only to deflate and inflate */
type Reusable = Gzip & ZlibReset;
const idle: Reusable[] = [];

/** The body gzipped (a whole gzip member, as `zlib.gzip` makes it), on a reused stream. */
export function gzipLater(body: Buffer): Promise<Buffer> {
  const stream = idle.pop() ?? (createGzip(GZIP) as Reusable);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const take = (chunk: Buffer) => chunks.push(chunk);
    const fail = (error: Error) => {
      stream.off('data', take);
      stream.destroy(); // a stream that failed is not used again
      reject(error);
    };
    stream.on('data', take).once('error', fail);
    stream.write(body);
    stream.flush(constants.Z_FINISH, () => {
      // whatever the stream still buffers comes out through 'data' as it is read
      while (stream.read() !== null);
      stream.off('data', take).off('error', fail);
      stream.reset();
      if (idle.length < KEEP_IDLE) idle.push(stream);
      else stream.close();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
  });
}

const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);

/** Brotli's options for a body: the quality given, a window just large enough (16 to 22 bits), and its size. */
export function brotliOptions(quality: number, size: number): BrotliOptions {
  const window = Math.min(22, Math.max(16, Math.ceil(Math.log2(Math.max(1, size)))));
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: window,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

/** The body compressed with brotli at `quality`. */
export function brotliLater(body: Buffer, quality: number): Promise<Buffer> {
  return brotliAsync(body, brotliOptions(quality, body.length));
}
