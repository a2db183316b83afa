// Random access to the bytes of an artifact without loading it: a file read at offsets with
// readSync, or bytes already in memory (a file inside an image layer). Every read is counted so the
// benchmark and `inspect -v` can say how much of a binary was touched.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Random-access bytes. `read` returns fewer bytes than asked at the end, never throws for EOF. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Bytes read so far (what the counters report). */
  bytesRead: number;
  /** Reads up to `length` bytes at `offset` (clamped to the size; an empty buffer past the end). */
  read(offset: number, length: number): Buffer;
  close(): void;
}

/** No single read is larger than this: lengths come from the file and are not trusted. */
export const MAX_READ = 16 * 1024 * 1024;

function clamp(size: number, offset: number, length: number): number {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length <= 0 || offset >= size) return 0;
  return Math.min(length, size - offset, MAX_READ);
}

/** A file on disk, read with pread at offsets. */
export class FileSource implements ByteSource {
  readonly size: number;
  bytesRead = 0;
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    try {
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  read(offset: number, length: number): Buffer {
    const n = clamp(this.size, offset, length);
    if (n === 0 || this.fd === undefined) return Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const r = readSync(this.fd, buf, got, n - got, offset + got);
      if (r === 0) break;
      got += r;
    }
    this.bytesRead += got;
    return got === n ? buf : buf.subarray(0, got);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Bytes in memory. */
export class BufferSource implements ByteSource {
  readonly size: number;
  bytesRead = 0;
  constructor(private readonly buf: Buffer) {
    this.size = buf.length;
  }
  read(offset: number, length: number): Buffer {
    const n = clamp(this.size, offset, length);
    this.bytesRead += n;
    return n === 0 ? Buffer.alloc(0) : this.buf.subarray(offset, offset + n);
  }
  close(): void {}
}

/**
 * Parts of a file that streamed past (a file inside a compressed image layer): the reader sees the
 * file's real size, and reads of parts that were not kept throw {@link NotCapturedError}.
 */
export class SparseSource implements ByteSource {
  bytesRead = 0;
  constructor(
    readonly size: number,
    private readonly pieces: ReadonlyArray<{ offset: number; data: Buffer }>,
  ) {}
  read(offset: number, length: number): Buffer {
    const n = clamp(this.size, offset, length);
    if (n === 0) return Buffer.alloc(0);
    for (const p of this.pieces) {
      if (offset >= p.offset && offset + n <= p.offset + p.data.length) {
        this.bytesRead += n;
        return p.data.subarray(offset - p.offset, offset - p.offset + n);
      }
    }
    // A read that starts inside a piece and runs past it gets what the piece has (like EOF).
    for (const p of this.pieces) {
      if (offset >= p.offset && offset < p.offset + p.data.length) {
        const part = p.data.subarray(offset - p.offset);
        this.bytesRead += part.length;
        return part;
      }
    }
    throw new NotCapturedError(offset, n);
  }
  close(): void {}
}

export class NotCapturedError extends Error {
  constructor(offset: number, length: number) {
    super(`bytes ${offset}..${offset + length} of the file were not kept while streaming the layer`);
  }
}

/**
 * Serves reads that fall inside the previous read from it, without touching (or counting against)
 * the underlying source: the blob's header, version and often the whole modinfo lie in the chunk
 * that found the magic, and ELF/PE/Mach-O headers are read in overlapping pieces.
 */
export class LastReadCache implements ByteSource {
  private last: { offset: number; data: Buffer } | undefined;
  constructor(private readonly src: ByteSource) {}
  get size(): number {
    return this.src.size;
  }
  get bytesRead(): number {
    return this.src.bytesRead;
  }
  set bytesRead(n: number) {
    this.src.bytesRead = n;
  }
  read(offset: number, length: number): Buffer {
    const l = this.last;
    if (l && offset >= l.offset && length > 0) {
      const from = offset - l.offset;
      // Inside the cached bytes, or running past them only where the source ends too.
      if (from + length <= l.data.length || (from <= l.data.length && l.offset + l.data.length >= this.src.size)) {
        return l.data.subarray(from, Math.min(l.data.length, from + length));
      }
    }
    const data = this.src.read(offset, length);
    this.last = { offset, data };
    return data;
  }
  close(): void {
    this.src.close();
  }
}
