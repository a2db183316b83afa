// Public face of the build-info reader: bytes in, runtime/debug.BuildInfo plus how it was read.
import { parseBuildInfo, ParseError, type BuildInfo } from './modinfo.js';
import { BuildInfoError, readRawBuildInfo, type PointerFormat, type ReadMethod, type ReadOptions } from './read.js';
import { FileSource, type ByteSource } from './source.js';
import type { ExeFormat } from './formats.js';

export { BuildInfoError, ERR_NOT_GO, ERR_UNRECOGNIZED, type ReadMethod } from './read.js';
export { buildInfoString, goVersionMJson, goVersionMText, goQuote, goUnquote, parseBuildInfo, type BuildInfo, type BuildSetting, type Module } from './modinfo.js';
export { FileSource, BufferSource, SparseSource, type ByteSource } from './source.js';
export { detectFormat, type ExeFormat } from './formats.js';

/** One Go binary's build info and what godrift learnt reading it. */
export interface GoBinary {
  format: ExeFormat;
  method: ReadMethod;
  /** Whether `go version -m` (Go ≤ 1.26) reads this file too. */
  goReadable: boolean;
  info: BuildInfo;
  /** The release part of the version (`go1.26.3`), the experiments of its X: suffix, devel builds. */
  version: GoVersionParts;
  /** ELF PT_INTERP: the loader a dynamically linked binary needs. */
  interpreter?: string;
  machine?: string;
  bits?: 32 | 64;
  bigEndian?: boolean;
  /** Go ≤ 1.17's blob format (pointers to string headers): their size and byte order. */
  pointers?: PointerFormat;
  /** Mach-O universal: architectures inside (build info is read from the first, as Go does). */
  fatArches?: string[];
  bytesRead: number;
  /** Bytes of the version and modinfo strings (sentinels included): what any reader must read. */
  infoBytes: number;
  size: number;
}

export interface GoVersionParts {
  /** `go1.26.3`, `go1.21.13`; for devel builds the `go1.N` found in the string, if any. */
  release: string;
  /** Experiments named after `X:` (`nogreenteagc`, `jsonv2`), in order. */
  experiments: string[];
  devel: boolean;
}

/**
 * Splits runtime.Version(): `go1.21.13 X:arenas` (space, up to 1.25) and `go1.26.3-X:jsonv2,nogreenteagc`
 * (hyphen since 1.26, go.dev/issue/75953); `devel go1.27-abcdef Tue …`.
 */
export function splitGoVersion(v: string): GoVersionParts {
  const devel = v.startsWith('devel');
  const x = /(?:^|[ -])X:([A-Za-z0-9_,]+)/.exec(v);
  const experiments = x ? x[1]!.split(',').filter(Boolean) : [];
  const rel = /go1\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?/.exec(v);
  return { release: rel ? rel[0] : v, experiments, devel };
}

/** Reads a binary's build info from any ByteSource. Throws BuildInfoError (also for unparsable modinfo). */
export function readGoBinary(src: ByteSource, options: ReadOptions = {}): GoBinary {
  const raw = readRawBuildInfo(src, options);
  let info: BuildInfo;
  try {
    info = parseBuildInfo(raw.modinfo);
  } catch (error) {
    if (error instanceof ParseError) throw new BuildInfoError('malformed', error.message, raw.format);
    throw error;
  }
  info.GoVersion = raw.goVersion;
  return {
    format: raw.format,
    method: raw.method,
    goReadable: raw.goReadable,
    info,
    version: splitGoVersion(raw.goVersion),
    ...(raw.exe.interpreter !== undefined ? { interpreter: raw.exe.interpreter } : {}),
    ...(raw.exe.machine !== undefined ? { machine: raw.exe.machine } : {}),
    ...(raw.exe.bits !== undefined ? { bits: raw.exe.bits } : {}),
    ...(raw.exe.bigEndian !== undefined ? { bigEndian: raw.exe.bigEndian } : {}),
    ...(raw.exe.fatArches ? { fatArches: raw.exe.fatArches } : {}),
    ...(raw.pointers ? { pointers: raw.pointers } : {}),
    bytesRead: src.bytesRead,
    infoBytes: Buffer.byteLength(raw.goVersion) + (raw.modinfo === '' ? 0 : Buffer.byteLength(raw.modinfo) + 32),
    size: src.size,
  };
}

/** Reads a file on disk; the error message is what `go version` prints after `FILE: `. */
export function readGoBinaryFile(path: string, options: ReadOptions = {}): GoBinary {
  let src: FileSource;
  try {
    src = new FileSource(path);
  } catch (error) {
    throw new BuildInfoError('io', `could not read Go build info: ${(error as Error).message}`);
  }
  try {
    return readGoBinary(src, options);
  } catch (error) {
    if (error instanceof BuildInfoError && error.kind !== 'malformed') throw new BuildInfoError(error.kind, `could not read Go build info from ${path}: ${error.message}`, error.format);
    if (error instanceof BuildInfoError) throw error;
    throw new BuildInfoError('io', `could not read Go build info from ${path}: ${(error as Error).message}`);
  } finally {
    src.close();
  }
}

/** The value of a build setting (last wins, as in cmd/go's map), or undefined. */
export function buildSetting(info: BuildInfo, key: string): string | undefined {
  let v: string | undefined;
  for (const s of info.Settings) if (s.Key === key) v = s.Value;
  return v;
}
