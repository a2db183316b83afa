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
import { detectFormat, type Exe, type ExeFormat, FormatError, openExe } from './formats.js';
import { MAX_READ, type ByteSource } from './source.js';

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
export function readRawBuildInfo(src: ByteSource, options: ReadOptions = {}): RawBuildInfo {
  const ident = src.read(0, 16);
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
  let fastError: BuildInfoError;
  try {
    const { vers, mod } = readBlob(src, exe);
    const how = exe.dataStart!.how;
    return { format, goVersion: vers, modinfo: mod, method: how === 'section' ? 'buildinfo-section' : 'writable-segment', goReadable: exe.goRejects === undefined, exe };
  } catch (error) {
    if (!(error instanceof BuildInfoError)) throw error;
    fastError = error;
  }
  if (options.fastOnly) throw fastError;
  // Plan 9: Go aligns the search by file offset, which the 386 data section need not be.
  if (format === 'plan9' && exe.dataStart) {
    const found = readBlob(src, exe, 1, true);
    if (found) return { format, goVersion: found.vers, modinfo: found.mod, method: 'data-unaligned', goReadable: false, exe };
  }
  const recovered = recover(src, exe);
  if (recovered) return { format, ...recovered, method: format === 'wasm' ? 'wasm-data' : 'rodata-sentinels', goReadable: false, exe };
  if (format === 'wasm') throw new BuildInfoError('unrecognized', ERR_UNRECOGNIZED, format);
  throw new BuildInfoError(fastError.kind, fastError.message, format);
}

/** Maps an address to the file range from it to the end of its mapping (debug/buildinfo DataReader). */
function locate(exe: Exe, addr: number): { offset: number; remaining: number } | undefined {
  for (const m of exe.mappings) {
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

function readBlob(src: ByteSource, exe: Exe): { vers: string; mod: string };
function readBlob(src: ByteSource, exe: Exe, align: number, quiet: true): { vers: string; mod: string } | undefined;
function readBlob(src: ByteSource, exe: Exe, align = ALIGN, quiet = false): { vers: string; mod: string } | undefined {
  try {
    const ds = exe.dataStart;
    if (!ds || ds.size === 0) throw notGo();
    const addr = searchMagic(src, exe, ds.addr, ds.size, align);
    const header = readData(src, exe, addr, HEADER);
    if (!header || header.length < HEADER) throw notGo();
    const flags = header[15]!;
    let vers: string;
    let mod: Buffer;
    if ((flags & 0x2) === 0x2) {
      const v = decodeString(src, exe, addr + HEADER);
      vers = v.text.toString('utf8');
      mod = decodeString(src, exe, v.next).text;
    } else {
      const ptrSize = header[14];
      const big = (flags & 0x1) === 0x1;
      if (ptrSize !== 4 && ptrSize !== 8) throw notGo();
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
    return { vers, mod: stripSentinels(mod) };
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

function searchMagic(src: ByteSource, exe: Exe, start: number, size: number, align: number): number {
  const end = start + size;
  if (!Number.isFinite(end)) throw new BuildInfoError('unrecognized', ERR_UNRECOGNIZED);
  start = Math.ceil(start / align) * align;
  if (start >= end) throw notGo();
  // Go reads 1 MiB chunks; the blob sits at the start of its area, so reading 4 KiB first, then
  // 64 KiB, then 1 MiB chunks finds it with far fewer bytes (chunks stay 16-byte multiples, so an
  // aligned magic never straddles two).
  let step = 4096;
  while (start < end) {
    const remaining = end - start;
    const chunkSize = Math.min(step, remaining);
    step = Math.min(CHUNK, step * 16);
    const at = locate(exe, start);
    if (!at) throw new BuildInfoError('unrecognized', exe.format === 'elf' || exe.format === 'pe' || exe.format.startsWith('macho') ? ERR_UNRECOGNIZED : 'address not mapped');
    const data = src.read(at.offset, Math.min(chunkSize, at.remaining));
    if (data.length === 0) throw notGo();
    let from = 0;
    for (;;) {
      const i = data.indexOf(MAGIC, from);
      if (i < 0) break;
      if (remaining - i < HEADER) throw notGo();
      if (i % align !== 0) {
        from = Math.ceil(i / align) * align;
        if (from > data.length) throw notGo();
        continue;
      }
      return start + i;
    }
    start += chunkSize;
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
 * The slow path: scans read-only data (or the whole file) in 1 MiB chunks for the modinfo
 * sentinels and a NUL-terminated Go version string. Returns undefined when either is missing.
 */
function recover(src: ByteSource, exe: Exe): { goVersion: string; modinfo: string } | undefined {
  // An executable with no mapped segment cannot hold a program: nothing to recover.
  if (exe.format !== 'wasm' && !exe.mappings.some((m) => m.size > 0)) return undefined;
  const ranges = exe.rodata.filter((r) => r.size > 0 && r.offset < src.size);
  const areas = ranges.length > 0 ? ranges : [{ offset: 0, size: src.size }];
  let budget = MAX_RECOVERY_SCAN;
  let modinfo: string | undefined;
  const versions = new Map<string, number>();
  const OVERLAP = 512;
  for (const area of areas) {
    const end = Math.min(src.size, area.offset + area.size);
    for (let pos = area.offset; pos < end; pos += CHUNK) {
      if ((budget -= CHUNK) < 0) break;
      const chunk = src.read(pos, Math.min(CHUNK + OVERLAP, end - pos));
      if (chunk.length === 0) break;
      if (modinfo === undefined) {
        let from = 0;
        for (;;) {
          const i = chunk.indexOf(SENTINEL_START, from);
          if (i < 0 || i >= CHUNK) break;
          from = i + 1;
          const text = framedModinfo(src, pos + i, end);
          if (text !== undefined) {
            modinfo = text;
            break;
          }
        }
      }
      // Find "go1." / "devel " with indexOf (native, fast) and run the pattern on a small window only.
      for (const needle of [GO1, DEVEL]) {
        for (let i = chunk.indexOf(needle); i >= 0 && i < CHUNK && versions.size <= 64; i = chunk.indexOf(needle, i + 1)) {
          VERSION_RE.lastIndex = 0;
          const m = VERSION_RE.exec(chunk.toString('latin1', i, Math.min(chunk.length, i + 420)));
          if (m && m.index === 0) versions.set(m[1]!, (versions.get(m[1]!) ?? 0) + 1);
        }
      }
      // Stop once both are in hand: the version string sits near the modinfo in every layout seen.
      if (modinfo !== undefined && [...versions.keys()].some((v) => /^go1\.\d+\.\d+/.test(v))) break;
    }
    if (modinfo !== undefined && [...versions.keys()].some((v) => /^go1\.\d+\.\d+/.test(v))) break;
  }
  if (modinfo === undefined) return undefined;
  const goVersion = pickVersion(versions);
  if (goVersion === undefined) return undefined;
  return { goVersion, modinfo };
}

/** The modinfo text framed by the sentinels at `at`, or undefined when the framing is not Go's. */
function framedModinfo(src: ByteSource, at: number, end: number): string | undefined {
  const window = src.read(at, Math.min(MAX_MODINFO + 32, end - at));
  const close = window.indexOf(SENTINEL_END, 16);
  if (close < 0) return undefined;
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
