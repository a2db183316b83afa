// Artifacts: Go binaries and container images found on disk, turned into the same observations as
// text sources (origin `binary-buildinfo` and `image-config-env`, logical spans). Used by
// `godrift inspect`, `godrift diff` and `godrift scan`.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Observation, ScopeLevel, Span } from '../core/types.js';
import { trackedVariable } from '../knowledge/variables.js';
import { BuildInfoError, buildSetting, detectFormat, readGoBinaryFile, type GoBinary } from './buildinfo/index.js';
import { looksLikeImage } from './image/detect.js';
import type { ImageBinary, ImageInfo } from './image/index.js';

export { readGoBinaryFile, type GoBinary } from './buildinfo/index.js';
export { looksLikeImage } from './image/detect.js';
export type { ImageInfo, ImageBinary } from './image/index.js';

export type Artifact =
  | { kind: 'binary'; path: string; binary: GoBinary }
  | { kind: 'image'; path: string; image: ImageInfo }
  | { kind: 'error'; path: string; message: string; /** True when the file is an executable or archive (worth telling about). */ candidate: boolean };

/** Context facts about a binary, as observations with these reserved variable names. */
export const BINARY_FACTS = {
  /** The binary's build flags that change how it runs: `-race`, `-asan`, `-msan`, `-cover`, and `-gcflags=…`. */
  flags: '@binary.flags',
  /** `-tags` of the build (comma-separated). */
  tags: '@binary.tags',
  /** ELF PT_INTERP of a dynamically linked binary; value the loader path. */
  interpreter: '@binary.interpreter',
  /** The image lacks the binary's interpreter (value: the loader path). */
  interpreterMissing: '@binary.interpreter-missing',
  /** The binary the image's entrypoint runs (value: its path). */
  entrypoint: '@binary.entrypoint',
  /** The binary's identity: `path` of the main package (value). */
  mainPath: '@binary.path',
} as const;

/** Reads the first bytes of a file (cheap candidate check). */
export function readHead(abs: string, n = 512): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the head of a file says it is an executable godrift can read (ELF, PE, Mach-O, XCOFF, Plan 9, wasm). */
export function looksExecutable(head: Buffer): boolean {
  return head.length >= 16 && detectFormat(head) !== undefined;
}

/** Whether the head is a tar header (a possible image archive). */
export function looksTar(head: Buffer): boolean {
  return head.length >= 512 && head.toString('latin1', 257, 262) === 'ustar';
}

export interface ArtifactOptions {
  platform?: string;
}

/**
 * Reads one file or image layout. Undefined when it is neither a Go binary nor an image (the
 * common case, and silent); an `error` artifact when it is one but cannot be read.
 */
export async function readArtifact(abs: string, display: string, options: ArtifactOptions = {}, isDir = false): Promise<Artifact | undefined> {
  if (isDir) {
    if (!looksLikeImage(abs)) return undefined;
    return readImage(abs, display, options);
  }
  const head = readHead(abs);
  if (!head) return undefined;
  if (looksExecutable(head)) {
    try {
      return { kind: 'binary', path: display, binary: readGoBinaryFile(abs) };
    } catch (error) {
      const e = error as BuildInfoError;
      return { kind: 'error', path: display, message: e.message.replace(abs, display), candidate: e.kind !== 'unrecognized' || detectFormat(head) !== undefined };
    }
  }
  if (looksTar(head) && looksLikeImage(abs)) return readImage(abs, display, options);
  return undefined;
}

async function readImage(abs: string, display: string, options: ArtifactOptions): Promise<Artifact> {
  try {
    // Loaded on the first image only: the image reader and its libraries (tar-stream, fzstd) cost
    // ~20 ms of start-up that inspecting plain binaries does not need (docs/benchmarks.md).
    const { inspectImage } = await import('./image/index.js');
    return { kind: 'image', path: display, image: await inspectImage(abs, options.platform ? { platform: options.platform } : {}) };
  } catch (error) {
    return { kind: 'error', path: display, message: `${display}: cannot read image: ${(error as Error).message}`, candidate: true };
  }
}

function logical(path: string, parts: string[]): Span {
  return { path, logical: [path, ...parts] };
}

/** `1.26.8` from `go1.26.8-X:jsonv2`. */
export function releaseOf(binary: GoBinary): string | undefined {
  const m = /^go(1\.\d+(?:\.\d+)?)/.exec(binary.version.release);
  return m ? m[1] : undefined;
}

function experimentKey(item: string): { key: string; value: string } | undefined {
  if (item === '') return undefined;
  if (item === 'none') return { key: 'none', value: 'on' };
  return item.startsWith('no') && item.length > 2 ? { key: item.slice(2), value: 'off' } : { key: item, value: 'on' };
}

/** Build flags recorded in build info that change how the binary runs. */
export function runtimeFlags(binary: GoBinary): string[] {
  const flags: string[] = [];
  for (const f of ['-race', '-asan', '-msan', '-cover']) if (buildSetting(binary.info, f) === 'true') flags.push(f);
  const gc = buildSetting(binary.info, '-gcflags');
  if (gc !== undefined && /(^|\s|=)-(N|l)\b/.test(gc)) flags.push(`-gcflags=${gc}`);
  return flags;
}

/** Observations for one Go binary (standalone, or inside an image when `image` is given). */
export function binaryObservations(path: string, binary: GoBinary, inImage?: { image: ImageInfo; entry: ImageBinary }): Observation[] {
  const where = inImage ? [`layer ${inImage.entry.layer}`, inImage.entry.path] : [];
  const scope: ScopeLevel[] = inImage ? [{ kind: 'image', name: path }, { kind: 'binary', name: inImage.entry.path }] : [{ kind: 'binary', name: path }];
  const goVersion = releaseOf(binary);
  const out: Observation[] = [];
  const add = (variable: string, key: string | null, text: string, parts: string[], phase: 'build' | 'run' = 'build') =>
    out.push({
      variable,
      key,
      value: { text, literal: true },
      span: logical(path, [...where, 'build info', ...parts]),
      origin: 'binary-buildinfo',
      scope,
      phase,
      ...(goVersion ? { goVersion } : {}),
    });
  if (goVersion) add('@build-toolchain', null, goVersion, ['go version']);
  add(BINARY_FACTS.mainPath, null, binary.info.Path, ['path']);
  const dg = buildSetting(binary.info, 'DefaultGODEBUG');
  if (dg) {
    for (const item of dg.split(',')) {
      const eq = item.indexOf('=');
      if (eq <= 0) continue;
      add('GODEBUG', item.slice(0, eq), item.slice(eq + 1), ['DefaultGODEBUG', item.slice(0, eq)], 'run');
    }
  }
  const exp = buildSetting(binary.info, 'GOEXPERIMENT');
  if (exp) for (const item of exp.split(',')) {
    const e = experimentKey(item.trim());
    if (e) add('GOEXPERIMENT', e.key, e.value, ['GOEXPERIMENT', item]);
  }
  for (const s of binary.info.Settings) {
    if (s.Key === 'GOEXPERIMENT' || s.Key === 'GOFLAGS') continue;
    const t = trackedVariable(s.Key);
    if (t && t.shape === 'scalar' && t.name !== 'GOROOT') add(s.Key, null, s.Value, [s.Key]);
  }
  const tags = buildSetting(binary.info, '-tags');
  if (tags !== undefined) add(BINARY_FACTS.tags, null, tags, ['-tags']);
  for (const f of runtimeFlags(binary)) add(BINARY_FACTS.flags, f.replace(/=.*$/, ''), f, [f.replace(/=.*$/, '')]);
  if (binary.interpreter !== undefined) add(BINARY_FACTS.interpreter, null, binary.interpreter, ['ELF PT_INTERP']);
  if (inImage?.entry.interpreterPresent === false && binary.interpreter !== undefined) add(BINARY_FACTS.interpreterMissing, null, binary.interpreter, ['ELF PT_INTERP']);
  if (inImage?.entry.entrypoint) add(BINARY_FACTS.entrypoint, null, inImage.entry.path, ['entrypoint']);
  return out;
}

/** Observations for an image: each tracked variable of the config's Env, plus every binary's. */
export function imageObservations(path: string, image: ImageInfo): Observation[] {
  const out: Observation[] = [];
  const scope: ScopeLevel[] = [{ kind: 'image', name: path }];
  // The Env is read by the binary the image runs: its entrypoint, or its only Go binary.
  const runs = image.binaries.find((b) => b.entrypoint) ?? (image.binaries.length === 1 ? image.binaries[0] : undefined);
  const goVersion = runs ? releaseOf(runs.binary) : undefined;
  for (const entry of image.config.env) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    const t = trackedVariable(name);
    if (!t) continue;
    const base = { origin: 'image-config-env' as const, scope, phase: 'run' as const, variable: name, ...(goVersion ? { goVersion } : {}) };
    if (t.shape === 'scalar' || value === '') {
      out.push({ ...base, key: null, value: { text: value, literal: true }, span: logical(path, ['config', 'Env', name]) });
      continue;
    }
    for (const item of value.split(',')) {
      if (t.shape === 'keyed') {
        const e = item.indexOf('=');
        const key = (e < 0 ? item : item.slice(0, e)).trim();
        if (key === '') continue;
        out.push({ ...base, key, value: { text: e < 0 ? '' : item.slice(e + 1), literal: true }, span: logical(path, ['config', 'Env', name, key]) });
      } else {
        const e = experimentKey(item.trim());
        if (e) out.push({ ...base, key: e.key, value: { text: e.value, literal: true }, span: logical(path, ['config', 'Env', name, item.trim()]) });
      }
    }
  }
  for (const b of image.binaries) out.push(...binaryObservations(path, b.binary, { image, entry: b }));
  return out;
}

/** Observations of any artifact. */
export function artifactObservations(a: Artifact): Observation[] {
  if (a.kind === 'binary') return binaryObservations(a.path, a.binary);
  if (a.kind === 'image') return imageObservations(a.path, a.image);
  return [];
}
