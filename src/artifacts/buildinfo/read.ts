// The build-info reader: debug/buildinfo's algorithm (go-facts.md §6.1) over a ByteSource, plus
// the slower recovery paths Go does not have, kept apart so the fast path stays fast:
//   fast      — the blob in its section (or, as Go ≤ 1.26 did, in the first writable segment):
//               headers, one aligned search, the blob. Typically 2–6 KB read.
//   recovered — no blob (esbuild ≥ 0.27 drops .go.buildinfo; WebAssembly has none; a Plan 9
//               blob off 16-byte file alignment; an XCOFF file Go's parser rejects): the modinfo
//               string behind its sentinels and the version string in read-only data, found by a
//               chunked scan.
// Lengths, offsets and varints from the file are never trusted: each is checked against the
// mapping it lies in and capped, so malformed input yields an error, not a hang or a huge buffer.
import { detectFormat, type Exe, type ExeFormat, FormatError, openExe, type RecoveryArea } from './formats.js';
import { LastReadCache, MAX_READ, type ByteSource } from './source.js';

/** How the build info was found. */
export type ReadMethod =
  /** The `.go.buildinfo` section (ELF), `__go_buildinfo` (Mach-O), the data section (PE, XCOFF, Plan 9): what every Go reader does. */
  | 'buildinfo-section'
  /** The first writable segment, because the section headers are gone: Go ≤ 1.26 reads this, Go 1.27 no longer does. */
  | 'writable-segment'
  /** The blob in the data section but not at a 16-byte aligned file offset (Plan 9 386): Go misses it. */
  | 'data-unaligned'
  /** No blob: modinfo behind its sentinels and the version string, recovered from read-only data. */
  | 'rodata-sentinels'
  /** WebAssembly: the same recovery over the module's data. */
  | 'wasm-data';

export interface RawBuildInfo {
  format: ExeFormat;
  goVersion: string;
  /** The modinfo text with its sentinels stripped ('' for a non-module build). */
  modinfo: string;
  method: ReadMethod;
  /** True when `go version -m` (Go ≤ 1.26 on this machine) would read this file too. */
  goReadable: boolean;
  exe: Exe;
  /** Set when the blob is Go ≤ 1.17's pointer format. */
  pointers?: PointerFormat;
}

/** debug/buildinfo's two errors, worded as Go words them, plus what godrift adds. */
export type ReadErrorKind = 'unrecognized' | 'not-go' | 'malformed' | 'io';

export class BuildInfoError extends Error {
  constructor(
    readonly kind: ReadErrorKind,
    message: string,
    readonly format?: ExeFormat,
  ) {
    super(message);
  }
}

export const ERR_UNRECOGNIZED = 'unrecognized file format';
export const ERR_NOT_GO = 'not a Go executable';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ALIGN = 16;
const HEADER = 32;
const CHUNK = 1 << 20;
/** How much of the blob's search area the fast path reads before trying the recovery path. */
const PROBE = 64 * 1024;
export const SENTINEL_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
export const SENTINEL_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');
/** The slow path scans at most this much read-only data (Go binaries have < 100 MB of it). */
const MAX_RECOVERY_SCAN = 256 * 1024 * 1024;
/** Build info larger than this is not plausible (Kubernetes-sized binaries have ~40 KB). */
const MAX_MODINFO = 4 * 1024 * 1024;

export interface ReadOptions {
  /** Skip the slow recovery paths (a quick "is this a Go binary" check). */
  fastOnly?: boolean;
}

/** Reads the Go build info of an executable. Throws {@link BuildInfoError}. */
export function readRawBuildInfo(source: ByteSource, options: ReadOptions = {}): RawBuildInfo {
  const src = new LastReadCache(source);
  const ident = src.read(0, 64);
  if (ident.length < 16) throw new BuildInfoError('unrecognized', ERR_UNRECOGNIZED);
  const format = detectFormat(ident);
  if (!format) throw new BuildInfoError('unrecognized', ERR_UNRECOGNIZED);
  let exe: Exe;
  try {
    exe = openExe(src, format);
  } catch (error) {
    if (error instanceof FormatError) throw new BuildInfoError('unrecognized', `${ERR_UNRECOGNIZED} (${error.message})`, format);
    throw error;
  }
  const found = (b: Blob): RawBuildInfo => ({ format, goVersion: b.vers, modinfo: b.mod, method: exe.dataStart!.how === 'section' ? 'buildinfo-section' : 'writable-segment', goReadable: exe.goRejects === undefined, exe, ...(b.pointers ? { pointers: b.pointers } : {}) });
  // Fast path: the linker writes the blob at the start of the area Go searches, so the first
  // PROBE bytes of it are searched first. Only when that and the recovery path both fail is the
  // rest of the area searched, as Go does (a blob deep in a data section is not something a Go
  // linker writes, but Go ≤ 1.26 would find it there).
  let fastError: BuildInfoError;
  try {
    return found(readBlob(src, exe, { limit: PROBE }));
  } catch (error) {
    if (!(error instanceof BuildInfoError)) throw error;
    fastError = error;
  }
  if (options.fastOnly) throw fastError;
  // Plan 9: Go aligns the search by file offset, which the 386 data section need not be.
  if (format === 'plan9' && exe.dataStart) {
    const unaligned = readBlob(src, exe, { align: 1, quiet: true });
    if (unaligned) return { format, goVersion: unaligned.vers, modinfo: unaligned.mod, method: 'data-unaligned', goReadable: false, exe };
  }
  const recovered = recover(src, exe);
  if (recovered) return { format, ...recovered, method: format === 'wasm' ? 'wasm-data' : 'rodata-sentinels', goReadable: false, exe };
  if (exe.dataStart && exe.dataStart.size > PROBE) {
    try {
      return found(readBlob(src, exe, {}));
    } catch (error) {
      if (!(error instanceof BuildInfoError)) throw error;
      fastError = error; // Go's error is the whole search's ("unrecognized" at an unmapped chunk)
    }
  }
  if (format === 'wasm') throw new BuildInfoError('unrecognized', ERR_UNRECOGNIZED, format);
  throw new BuildInfoError(fastError.kind, fastError.message, format);
}

/** Maps an address to the file range from it to the end of its mapping (debug/buildinfo DataReader). */
function locate(exe: Exe, addr: number): { offset: number; remaining: number } | undefined {
  for (const m of exe.mappings) {
    // Go tests `addr <= Vaddr+Filesz-1` in unsigned arithmetic: an entry at address 0 without
    // file bytes (ELF PT_GNU_STACK, in nearly every ELF file) wraps around and matches every
    // address no earlier entry maps, and reading it gives EOF: "not a Go executable", not
    // "unrecognized file format" (debug/buildinfo elfExe.DataReader; same test for the others).
    if (m.addr === 0 && m.size === 0) return { offset: m.offset, remaining: 0 };
    if (m.size > 0 && m.addr <= addr && addr <= m.addr + m.size - 1) return { offset: m.offset + (addr - m.addr), remaining: m.addr + m.size - addr };
  }
  return undefined;
}

/** readData: up to `size` bytes at `addr`, clipped to its mapping; undefined when unmapped. */
function readData(src: ByteSource, exe: Exe, addr: number, size: number): Buffer | undefined {
  const at = locate(exe, addr);
  if (!at) return undefined;
  return src.read(at.offset, Math.min(size, at.remaining));
}

function notGo(): BuildInfoError {
  return new BuildInfoError('not-go', ERR_NOT_GO);
}

/** The blob's strings, and for the pre-1.18 format how its pointers were laid out. */
interface Blob {
  vers: string;
  mod: string;
  pointers?: PointerFormat;
}

/** Go ≤ 1.17's blob: pointers to string headers, of this size and byte order. */
export interface PointerFormat {
  ptrSize: 4 | 8;
  bigEndian: boolean;
}

interface BlobSearch {
  /** 16 as Go; 1 for the Plan 9 386 retry. */
  align?: number;
  /** Return undefined instead of throwing "not a Go executable". */
  quiet?: boolean;
  /** Search only this many bytes of the area. */
  limit?: number;
}

function readBlob(src: ByteSource, exe: Exe, search: BlobSearch & { quiet?: false }): Blob;
function readBlob(src: ByteSource, exe: Exe, search: BlobSearch & { quiet: true }): Blob | undefined;
function readBlob(src: ByteSource, exe: Exe, { align = ALIGN, quiet = false, limit = Infinity }: BlobSearch): Blob | undefined {
  try {
    const ds = exe.dataStart;
    if (!ds || ds.size === 0) throw notGo();
    const addr = searchMagic(src, exe, ds.addr, ds.size, align, limit);
    const header = readData(src, exe, addr, HEADER);
    if (!header || header.length < HEADER) throw notGo();
    const flags = header[15]!;
    let vers: string;
    let mod: Buffer;
    let pointers: PointerFormat | undefined;
    if ((flags & 0x2) === 0x2) {
      const v = decodeString(src, exe, addr + HEADER);
      vers = v.text.toString('utf8');
      mod = decodeString(src, exe, v.next).text;
    } else {
      const ptrSize = header[14];
      const big = (flags & 0x1) === 0x1;
      if (ptrSize !== 4 && ptrSize !== 8) throw notGo();
      pointers = { ptrSize, bigEndian: big };
      const readPtr = (b: Buffer, o: number): number => {
        if (ptrSize === 4) return big ? b.readUInt32BE(o) : b.readUInt32LE(o);
        const v = big ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o);
        return v > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(v);
      };
      const none = Buffer.alloc(0);
      const readString = (at: number): Buffer => {
        if (at < 0) return none;
        const hdr = readData(src, exe, at, 2 * ptrSize);
        if (!hdr || hdr.length < 2 * ptrSize) return none;
        const dataAddr = readPtr(hdr, 0);
        const len = readPtr(hdr, ptrSize);
        if (dataAddr < 0 || len < 0 || len > MAX_MODINFO) return none;
        const data = readData(src, exe, dataAddr, len);
        if (!data || data.length < len) return none;
        return data;
      };
      vers = readString(readPtr(header, 16)).toString('utf8');
      mod = readString(readPtr(header, 16 + ptrSize));
    }
    if (vers === '') throw notGo();
    return { vers, mod: stripSentinels(mod), ...(pointers ? { pointers } : {}) };
  } catch (error) {
    if (quiet && error instanceof BuildInfoError) return undefined;
    throw error;
  }
}

/** Go keeps modinfo only when it is framed: at least 33 bytes and a newline before the end sentinel. */
function stripSentinels(b: Buffer): string {
  if (b.length >= 33 && b[b.length - 17] === 0x0a) return b.subarray(16, b.length - 16).toString('utf8');
  return '';
}

/**
 * debug/buildinfo's searchMagic, reading less. Go reads the area in 1 MiB chunks, each from its
 * start to at most the end of the mapping that start lies in; an unmapped chunk start is
 * "unrecognized file format", an empty read "not a Go executable". Here each Go chunk is read in
 * growing pieces (1 KiB, 16 KiB, then the rest: the blob sits at the start of its area) with the
 * same outcomes. `limit`: give up (not a Go executable) after this many bytes of the area.
 */
function searchMagic(src: ByteSource, exe: Exe, start: number, size: number, align: number, limit = Infinity): number {
  const end = start + size;
  if (!Number.isFinite(end)) throw new BuildInfoError('unrecognized', ERR_UNRECOGNIZED);
  start = Math.ceil(start / align) * align;
  if (start >= end) throw notGo();
  const stop = Math.min(end, start + limit);
  let step = 1024;
  for (let chunk = start; chunk < stop; chunk += CHUNK) {
    const remaining = end - chunk;
    const chunkEnd = chunk + Math.min(CHUNK, remaining);
    const at = locate(exe, chunk);
    if (!at) throw new BuildInfoError('unrecognized', exe.format === 'elf' || exe.format === 'pe' || exe.format.startsWith('macho') ? ERR_UNRECOGNIZED : 'address not mapped');
    // What Go's read of this chunk returns: up to the chunk end or the mapping end.
    const readable = Math.min(chunkEnd - chunk, at.remaining);
    if (readable <= 0) throw notGo(); // EOF before any byte of the chunk
    for (let pos = 0; pos < readable && chunk + pos < stop; ) {
      const piece = Math.min(step, readable - pos);
      step = Math.min(CHUNK, step * 16);
      const data = src.read(at.offset + pos, piece);
      if (data.length === 0) {
        if (pos === 0) throw notGo(); // EOF before any byte of the chunk
        break;
      }
      const last = pos + data.length >= readable || data.length < piece;
      let from = 0;
      for (;;) {
        const i = data.indexOf(MAGIC, from);
        if (i < 0) break;
        if (remaining - (pos + i) < HEADER) throw notGo();
        if ((pos + i) % align !== 0) {
          from = Math.ceil((pos + i) / align) * align - pos;
          if (from > data.length && last) throw notGo();
          if (from > data.length) break;
          continue;
        }
        return chunk + pos + i;
      }
      if (data.length < piece) break;
      pos += data.length;
    }
  }
  throw notGo();
}

function decodeString(src: ByteSource, exe: Exe, addr: number): { text: Buffer; next: number } {
  const b = readData(src, exe, addr, 10);
  if (!b || b.length === 0) throw notGo();
  // binary.Uvarint: at most 10 bytes; more, or an overflow, is an error (n <= 0).
  let length = 0;
  let shift = 1;
  let n = 0;
  for (; n < b.length; n++) {
    const c = b[n]!;
    if (n === 9 && c > 1) throw notGo();
    length += (c & 0x7f) * shift;
    shift *= 128;
    if (c < 0x80) break;
  }
  if (n >= b.length) throw notGo();
  n++;
  addr += n;
  if (length > MAX_READ) throw notGo();
  const data = length === 0 ? Buffer.alloc(0) : readData(src, exe, addr, length);
  if (!data || data.length < length) throw notGo();
  return { text: data, next: addr + length };
}

/** Version strings as runtime.buildVersion holds them, NUL-padded in read-only data. */
const GO1 = Buffer.from('go1.');
const DEVEL = Buffer.from('devel ');
const VERSION_RE = /(go1\.\d{1,3}(?:\.\d{1,3})?(?:(?:rc|beta)\d{1,2})?(?:[- ]X:[a-z0-9,]{1,400})?|devel [\x20-\x7e]{1,200}?)(?=\x00)/g;

/**
 * The slow path: scans the recovery areas (read-only data, or the whole file) in chunks for the
 * modinfo sentinels and a NUL-terminated Go version string, from the end of an area where the
 * linker puts them there (formats.ts RecoveryArea). Returns undefined when either is missing.
 */
function recover(src: ByteSource, exe: Exe): { goVersion: string; modinfo: string } | undefined {
  // An executable with no mapped segment cannot hold a program: nothing to recover.
  if (exe.format !== 'wasm' && !exe.mappings.some((m) => m.size > 0)) return undefined;
  if (exe.noGoSections) return undefined;
  const ranges = exe.rodata.filter((r) => r.size > 0 && r.offset < src.size);
  const areas: RecoveryArea[] = ranges.length > 0 ? ranges : [{ offset: 0, size: src.size, from: 'start' }];
  let budget = MAX_RECOVERY_SCAN;
  let modinfo: string | undefined;
  const versions = new Map<string, number>();
  const done = () => modinfo !== undefined && [...versions.keys()].some((v) => /^go1\.\d+\.\d+/.test(v));
  // Strings straddling two chunks are seen whole in the earlier one: each chunk reads OVERLAP
  // bytes past its end, and matches that start in that overlap are left to the next chunk.
  const OVERLAP = 512;
  const scanChunk = (pos: number, size: number, end: number) => {
    const chunk = src.read(pos, Math.min(size + OVERLAP, end - pos));
    if (modinfo === undefined) {
      for (let i = chunk.indexOf(SENTINEL_START); i >= 0 && i < size; i = chunk.indexOf(SENTINEL_START, i + 1)) {
        const text = framedModinfo(src, pos + i, end);
        if (text !== undefined) {
          modinfo = text;
          break;
        }
      }
    }
    // Find "go1." / "devel " with indexOf (native, fast) and run the pattern on a small window only.
    for (const needle of [GO1, DEVEL]) {
      for (let i = chunk.indexOf(needle); i >= 0 && i < size && versions.size <= 64; i = chunk.indexOf(needle, i + 1)) {
        VERSION_RE.lastIndex = 0;
        const m = VERSION_RE.exec(chunk.toString('latin1', i, Math.min(chunk.length, i + 420)));
        if (m && m.index === 0) versions.set(m[1]!, (versions.get(m[1]!) ?? 0) + 1);
      }
    }
  };
  for (const area of areas) {
    const start = area.offset;
    const end = Math.min(src.size, area.offset + area.size);
    // Small first chunk from the end (the strings are usually within 100 KB of it), then 1 MiB.
    let step = area.from === 'end' ? CHUNK / 4 : CHUNK;
    for (let n = 0; n < end - start && budget > 0 && !done(); ) {
      const size = Math.min(step, end - start - n, budget);
      const pos = area.from === 'end' ? end - n - size : start + n;
      scanChunk(pos, size, end);
      n += size;
      budget -= size;
      step = CHUNK;
    }
    if (done()) break;
  }
  if (modinfo === undefined) return undefined;
  const goVersion = pickVersion(versions);
  if (goVersion === undefined) return undefined;
  return { goVersion, modinfo };
}

/** The modinfo text framed by the sentinels at `at`, or undefined when the framing is not Go's. */
function framedModinfo(src: ByteSource, at: number, end: number): string | undefined {
  // Read 64 KiB past the start sentinel, more only while no end sentinel is in sight (build info
  // is a few KB; MAX_MODINFO bounds it).
  let window: Buffer = Buffer.alloc(0);
  let close = -1;
  for (let want = 64 * 1024; close < 0; want *= 8) {
    const len = Math.min(want, MAX_MODINFO + 32, end - at);
    if (len <= window.length) return undefined;
    window = src.read(at, len);
    close = window.indexOf(SENTINEL_END, 16);
  }
  const whole = window.subarray(0, close + 16);
  if (whole.length < 33 || whole[whole.length - 17] !== 0x0a) return undefined;
  // The text between the sentinels is printable lines; a stray sentinel in other data is not.
  const text = whole.subarray(16, close).toString('utf8');
  if (!/^(path|mod|dep|build)\t/.test(text)) return undefined;
  return text;
}

/** Among version-looking strings, the release with a patch number wins, then the longest, then the most frequent. */
function pickVersion(candidates: Map<string, number>): string | undefined {
  const score = (v: string) => (v.startsWith('devel') ? 1 : /^go1\.\d+\.\d+/.test(v) ? 3 : 2) * 1000 + v.length;
  return [...candidates.keys()].sort((a, b) => score(b) - score(a) || candidates.get(b)! - candidates.get(a)!)[0];
}
