// Container images without a container engine: Docker archives (`docker save`) and OCI image
// layouts (a directory, or a tar of one: skopeo, crane, `podman save --format oci-archive`,
// buildkit `type=oci`). Picks one platform of a multi-platform index (default linux/amd64), then
// streams the layers in order — gzip, zstd or uncompressed — applying whiteouts and opaque
// directories, and reads the build info of every file that starts like an executable, whatever
// its mode bits. Nothing is extracted to disk; memory is bounded by the largest executable kept
// (files up to MAX_BUFFERED are held whole, larger ones only in pieces: head, tail and the windows
// after each build-info magic).
//
// Libraries: tar-stream (mafintosh; the tar parser under tar-fs and most of npm's ecosystem,
// streaming, no native code) parses the layer tars; fzstd (101arrowz; pure-JS, streaming, no
// native code) decompresses zstd layers because Node 20's zlib has no zstd. gzip uses node:zlib.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import tar from 'tar-stream';
import { BufferSource, FileSource, SparseSource, type ByteSource } from '../buildinfo/source.js';
import { detectFormat } from '../buildinfo/formats.js';
import { BuildInfoError, readGoBinary, type GoBinary } from '../buildinfo/index.js';
import { indexTar, type TarEntry } from './tar-index.js';

export { looksLikeImage } from './detect.js';

export type ImageKind = 'docker-archive' | 'oci-layout' | 'oci-archive';

export interface ImageConfig {
  env: string[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  user: string;
  os: string;
  architecture: string;
  variant?: string;
}

export interface ImageBinary {
  /** Absolute path in the image's final file system. */
  path: string;
  /** Digest of the layer the file comes from. */
  layer: string;
  binary: GoBinary;
  /** The file the image's entrypoint (or cmd) runs. */
  entrypoint: boolean;
  /** For dynamically linked ELF binaries: whether the image has the interpreter (after symlinks). */
  interpreterPresent?: boolean;
}

export interface ImageInfo {
  kind: ImageKind;
  /** `linux/amd64`, `linux/arm64/v8`. */
  platform: string;
  /** Platforms the index offers (multi-platform images). */
  platforms: string[];
  config: ImageConfig;
  layers: string[];
  binaries: ImageBinary[];
  /** Executables whose build info could not be read (not Go, or malformed), by path. */
  unreadable: Array<{ path: string; message: string }>;
  /** Compressed bytes streamed from layer blobs. */
  layerBytes: number;
}

export class ImageError extends Error {}

/** Executables up to this size are held whole while a layer streams past; larger ones in pieces. */
export const MAX_BUFFERED = 128 * 1024 * 1024;
const PIECE = 1024 * 1024;

interface Blob {
  size: number;
  /** A stream of the blob's bytes. */
  open(): Readable;
  /** The whole blob as text (small JSON documents only). */
  text(): string;
}

interface Layout {
  kind: ImageKind;
  blob(digest: string): Blob | undefined;
  file(name: string): Blob | undefined;
}

function dirLayout(dir: string): Layout {
  const file = (name: string): Blob | undefined => {
    const p = join(dir, name);
    if (!existsSync(p)) return undefined;
    const size = statSync(p).size;
    return { size, open: () => createReadStream(p), text: () => readFileSync(p, 'utf8') };
  };
  return { kind: 'oci-layout', file, blob: (d) => file(`blobs/${d.replace(':', '/')}`) };
}

function tarLayout(path: string, entries: TarEntry[], kind: ImageKind): Layout {
  const byName = new Map<string, TarEntry>();
  for (const e of entries) if (e.type === 'file') byName.set(e.name, e);
  // Hard links (docker save links identical layers) resolve to the entry they name.
  for (const e of entries) if (e.type === 'link' && byName.has(e.linkname)) byName.set(e.name, byName.get(e.linkname)!);
  const file = (name: string): Blob | undefined => {
    const e = byName.get(name.replace(/^\.\//, ''));
    if (!e) return undefined;
    return {
      size: e.size,
      open: () => (e.size === 0 ? Readable.from([]) : createReadStream(path, { start: e.offset, end: e.offset + e.size - 1 })),
      text: () => {
        if (e.size > 16 << 20) throw new ImageError(`${name} is too large for an image document`);
        const src = new FileSource(path);
        try {
          return src.read(e.offset, e.size).toString('utf8');
        } finally {
          src.close();
        }
      },
    };
  };
  return { kind, file, blob: (d) => file(`blobs/${d.replace(':', '/')}`) };
}

function parseJson(text: string, what: string): any {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImageError(`${what} is not valid JSON`);
  }
}

function platformOf(p: { os?: string; architecture?: string; variant?: string } | undefined): string {
  if (!p) return 'unknown';
  return [p.os ?? 'unknown', p.architecture ?? 'unknown', ...(p.variant ? [p.variant] : [])].join('/');
}

function platformMatches(want: string, have: string): boolean {
  if (want === have) return true;
  const [wo, wa, wv] = want.split('/');
  const [ho, ha, hv] = have.split('/');
  return wo === ho && wa === ha && (wv === undefined || wv === hv || (hv === undefined && wa === 'arm64' && wv === 'v8'));
}

interface Resolved {
  configDigest: string;
  layers: Array<{ digest: string; mediaType: string }>;
  platform: string;
  platforms: string[];
}

function resolveOci(layout: Layout, wantPlatform: string): Resolved {
  const indexBlob = layout.file('index.json');
  if (!indexBlob) throw new ImageError('no index.json: not an OCI image layout');
  let doc = parseJson(indexBlob.text(), 'index.json');
  let platforms: string[] = [];
  for (let depth = 0; depth < 4; depth++) {
    if (Array.isArray(doc.manifests)) {
      const list = (doc.manifests as any[]).filter((m) => m && typeof m.digest === 'string');
      // Attestation manifests (buildkit) carry platform unknown/unknown.
      const real = list.filter((m) => platformOf(m.platform) !== 'unknown/unknown');
      const withPlatform = real.filter((m) => m.platform);
      if (withPlatform.length > 0) platforms = withPlatform.map((m) => platformOf(m.platform));
      const pick = withPlatform.length > 0 ? withPlatform.find((m) => platformMatches(wantPlatform, platformOf(m.platform))) : real[0];
      if (!pick) throw new ImageError(`no ${wantPlatform} image in the index (it has ${platforms.join(', ')}): choose one with --platform`);
      const blob = layout.blob(pick.digest);
      if (!blob) throw new ImageError(`blob ${pick.digest} named by the index is missing`);
      doc = parseJson(blob.text(), `manifest ${pick.digest}`);
      continue;
    }
    if (doc.config && Array.isArray(doc.layers)) {
      return {
        configDigest: String(doc.config.digest),
        layers: (doc.layers as any[]).map((l) => ({ digest: String(l.digest), mediaType: String(l.mediaType ?? '') })),
        platform: wantPlatform,
        platforms,
      };
    }
    break;
  }
  throw new ImageError('index.json leads to no image manifest');
}

function resolveDocker(layout: Layout): Resolved & { configPath: string; layerPaths: string[] } {
  const m = parseJson(layout.file('manifest.json')!.text(), 'manifest.json');
  if (!Array.isArray(m) || m.length === 0 || typeof m[0].Config !== 'string' || !Array.isArray(m[0].Layers)) throw new ImageError('manifest.json lists no image');
  const first = m[0];
  return { configDigest: first.Config, configPath: first.Config, layerPaths: first.Layers.map(String), layers: first.Layers.map((l: string) => ({ digest: l, mediaType: '' })), platform: '', platforms: [] };
}

/** Decompresses a layer stream by its first bytes: gzip, zstd or none. */
function decompress(input: Readable): Readable {
  let decided = false;
  let zstd: ZstdDecompress | undefined;
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!decided) {
        decided = true;
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          gunzip = createGunzip();
          gunzip.on('data', (d: Buffer) => {
            if (!out.push(d)) gunzip!.pause();
          });
          out.on('drain', () => gunzip!.resume());
          gunzip.on('error', (e) => out.destroy(e));
        } else if (chunk.readUInt32LE(0) === 0xfd2fb528) {
          zstd = new ZstdDecompress((d) => {
            out.push(Buffer.from(d.buffer, d.byteOffset, d.byteLength));
          });
        }
      }
      try {
        if (gunzip) {
          if (!gunzip.write(chunk)) gunzip.once('drain', () => done());
          else done();
          return;
        }
        if (zstd) zstd.push(chunk);
        else this.push(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        if (gunzip) {
          gunzip.once('end', () => done());
          gunzip.end();
          return;
        }
        if (zstd) zstd.push(new Uint8Array(0), true);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  input.on('error', (e) => out.destroy(e));
  return input.pipe(out);
}

const EXEC_MAGIC = (b: Buffer): boolean => b.length >= 16 && detectFormat(b) !== undefined && detectFormat(b) !== 'wasm' ? true : b.length >= 4 && detectFormat(b) === 'wasm';

/** Reads what an entry streams: the whole file when small, pieces otherwise; undefined for non-executables. */
async function captureExecutable(entry: AsyncIterable<unknown>, size: number): Promise<ByteSource | undefined> {
  if (size < 64) {
    for await (const _ of entry) void _;
    return undefined;
  }
  const whole = size <= MAX_BUFFERED ? Buffer.allocUnsafe(0) : undefined;
  const parts: Buffer[] = [];
  let got = 0;
  let decided: boolean | undefined;
  const pieces: Array<{ offset: number; data: Buffer }> = [];
  let head: Buffer[] = [];
  const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
  let carry = Buffer.alloc(0);
  let windowsLeft = 8;
  let windowUntil = -1;
  let window: { offset: number; chunks: Buffer[] } | undefined;
  const tailStart = Math.max(0, size - PIECE);
  const tail: Buffer[] = [];
  for await (const c of entry) {
    const chunk = c as Buffer;
    const at = got;
    got += chunk.length;
    if (decided === undefined) {
      head.push(chunk);
      const h = Buffer.concat(head);
      if (h.length >= 16) {
        decided = EXEC_MAGIC(h);
        head = [h];
      }
    }
    if (decided === false) continue;
    if (whole) {
      parts.push(chunk);
      continue;
    }
    // Pieces: head, tail, and a window after each aligned build-info magic.
    if (at < PIECE) pieces.push({ offset: at, data: Buffer.from(chunk) });
    if (at + chunk.length > tailStart) tail.push(at >= tailStart ? Buffer.from(chunk) : Buffer.from(chunk.subarray(tailStart - at)));
    if (window) {
      window.chunks.push(Buffer.from(chunk));
      if (at + chunk.length >= windowUntil) {
        pieces.push({ offset: window.offset, data: Buffer.concat(window.chunks) });
        window = undefined;
      }
    } else if (windowsLeft > 0) {
      const scan = Buffer.concat([carry, chunk]);
      const base = at - carry.length;
      for (let i = scan.indexOf(MAGIC); i >= 0; i = scan.indexOf(MAGIC, i + 1)) {
        if ((base + i) % 16 !== 0) continue;
        windowsLeft--;
        window = { offset: base + i, chunks: [scan.subarray(i)] };
        windowUntil = base + i + PIECE;
        break;
      }
      carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 15)));
    }
  }
  if (!decided) return undefined;
  if (whole) return new BufferSource(Buffer.concat(parts, got));
  if (window) pieces.push({ offset: window.offset, data: Buffer.concat(window.chunks) });
  // Merge head chunks into one piece so reads across chunk boundaries work.
  const headPieces = pieces.filter((p) => p.offset < PIECE && p.offset + p.data.length <= PIECE + 65536 && !pieces.some((q) => q !== p && q.offset === p.offset && q.data.length > p.data.length));
  const headBuf = Buffer.concat(headPieces.filter((p) => p.offset < PIECE).sort((a, b) => a.offset - b.offset).map((p) => p.data));
  const others = pieces.filter((p) => !headPieces.includes(p));
  return new SparseSource(size, [{ offset: 0, data: headBuf }, ...others, { offset: tailStart, data: Buffer.concat(tail) }]);
}

function normalizePath(name: string): string {
  const parts: string[] = [];
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

interface FsEntry {
  layer: number;
  type: 'file' | 'dir' | 'symlink' | 'link' | 'other';
  target?: string;
}

export interface InspectImageOptions {
  /** `os/arch[/variant]`, default linux/amd64. */
  platform?: string;
}

/** Reads an image archive or layout: config, layers, and the build info of every Go binary in the final file system. */
export async function inspectImage(path: string, options: InspectImageOptions = {}): Promise<ImageInfo> {
  const wantPlatform = options.platform ?? 'linux/amd64';
  let layout: Layout;
  if (statSync(path).isDirectory()) layout = dirLayout(path);
  else {
    const src = new FileSource(path);
    let entries: TarEntry[];
    try {
      entries = indexTar(src);
    } finally {
      src.close();
    }
    const names = new Set(entries.map((e) => e.name));
    layout = tarLayout(path, entries, names.has('manifest.json') && !names.has('oci-layout') ? 'docker-archive' : names.has('manifest.json') ? 'docker-archive' : 'oci-archive');
  }
  let resolved: Resolved;
  let layerBlobs: Array<{ digest: string; blob: Blob | undefined }>;
  let configText: string | undefined;
  if (layout.kind === 'docker-archive') {
    const d = resolveDocker(layout);
    resolved = d;
    configText = (layout.file(d.configPath) ?? layout.blob(d.configDigest))?.text();
    layerBlobs = d.layerPaths.map((p) => ({ digest: p.replace(/^blobs\/sha256\//, 'sha256:').replace(/\/layer\.tar$/, ''), blob: layout.file(p) }));
  } else {
    resolved = resolveOci(layout, wantPlatform);
    configText = layout.blob(resolved.configDigest)?.text();
    layerBlobs = resolved.layers.map((l) => ({ digest: l.digest, blob: layout.blob(l.digest) }));
  }
  if (configText === undefined) throw new ImageError(`image config ${resolved.configDigest} is missing`);
  const cfgDoc = parseJson(configText, 'image config');
  const c = cfgDoc.config ?? {};
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  const config: ImageConfig = {
    env: strings(c.Env),
    entrypoint: strings(c.Entrypoint),
    cmd: strings(c.Cmd),
    workingDir: String(c.WorkingDir ?? ''),
    user: String(c.User ?? ''),
    os: String(cfgDoc.os ?? ''),
    architecture: String(cfgDoc.architecture ?? ''),
    ...(cfgDoc.variant ? { variant: String(cfgDoc.variant) } : {}),
  };
  const platform = platformOf({ os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) });

  const fs = new Map<string, FsEntry>();
  const found = new Map<string, { layer: number; digest: string; binary?: GoBinary; error?: string }>();
  let layerBytes = 0;
  for (let li = 0; li < layerBlobs.length; li++) {
    const { digest, blob } = layerBlobs[li]!;
    if (!blob) throw new ImageError(`layer ${digest} is missing from the archive`);
    layerBytes += blob.size;
    const extract = tar.extract();
    const stream = decompress(blob.open());
    stream.on('error', (e) => extract.destroy(e));
    stream.pipe(extract);
    const whiteouts: Array<{ dir: string; name?: string }> = [];
    for await (const entry of extract) {
      const h = entry.header;
      const full = normalizePath(h.name);
      const slash = full.lastIndexOf('/');
      const dir = full.slice(0, slash) || '/';
      const base = full.slice(slash + 1);
      if (base === '.wh..wh..opq') {
        whiteouts.push({ dir });
        entry.resume();
        continue;
      }
      if (base.startsWith('.wh.')) {
        whiteouts.push({ dir, name: base.slice(4) });
        entry.resume();
        continue;
      }
      // Whiteouts of this layer hide only lower layers: apply them before this layer's files land.
      const type = h.type === 'file' || h.type === 'contiguous-file' ? 'file' : h.type === 'directory' ? 'dir' : h.type === 'symlink' ? 'symlink' : h.type === 'link' ? 'link' : 'other';
      fs.set(full, { layer: li, type, ...(h.linkname ? { target: type === 'link' ? normalizePath(h.linkname) : h.linkname } : {}) });
      if (type === 'link') {
        const t = found.get(normalizePath(h.linkname ?? ''));
        if (t) found.set(full, { ...t, layer: li });
      }
      if (type !== 'file') {
        entry.resume();
        found.delete(full);
        continue;
      }
      const src = await captureExecutable(entry, h.size ?? 0);
      if (!src) {
        found.delete(full);
        continue;
      }
      try {
        found.set(full, { layer: li, digest, binary: readGoBinary(src) });
      } catch (error) {
        found.set(full, { layer: li, digest, error: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const w of whiteouts) {
      const prefix = w.name === undefined ? (w.dir === '/' ? '/' : w.dir + '/') : `${w.dir === '/' ? '' : w.dir}/${w.name}`;
      const hides = (p: string) => (w.name === undefined ? p.startsWith(prefix) : p === prefix || p.startsWith(prefix + '/'));
      for (const [p, e] of fs) if (e.layer < li && hides(p)) fs.delete(p);
      for (const [p, e] of found) if (e.layer < li && hides(p)) found.delete(p);
    }
  }

  const resolveLink = (p: string): string | undefined => {
    let cur = p;
    for (let hops = 0; hops < 40; hops++) {
      // Resolve directory symlinks along the way (/lib64 → usr/lib64).
      const parts = cur.split('/').filter(Boolean);
      let built = '';
      let changed = false;
      for (let i = 0; i < parts.length; i++) {
        built += '/' + parts[i];
        const e = fs.get(built);
        if (e?.type === 'symlink' && e.target !== undefined) {
          const target = e.target.startsWith('/') ? e.target : `${built.slice(0, built.lastIndexOf('/'))}/${e.target}`;
          cur = normalizePath([target, ...parts.slice(i + 1)].join('/'));
          changed = true;
          break;
        }
      }
      if (!changed) return fs.has(cur) ? cur : undefined;
    }
    return undefined;
  };
  const pathEnv = config.env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const program = config.entrypoint[0] ?? config.cmd[0];
  let entry: string | undefined;
  if (program) {
    const candidates = program.includes('/') ? [program.startsWith('/') ? program : `${config.workingDir || '/'}/${program}`] : pathEnv.split(':').map((d) => `${d}/${program}`);
    for (const cand of candidates) {
      const r = resolveLink(normalizePath(cand));
      if (r) {
        entry = r;
        break;
      }
    }
  }
  const binaries: ImageBinary[] = [];
  const unreadable: Array<{ path: string; message: string }> = [];
  for (const [p, f] of [...found].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (f.binary) {
      const interp = f.binary.interpreter;
      binaries.push({
        path: p,
        layer: f.digest,
        binary: f.binary,
        entrypoint: p === entry,
        ...(interp !== undefined ? { interpreterPresent: resolveLink(normalizePath(interp)) !== undefined } : {}),
      });
    } else if (f.error && !/not a Go executable|unrecognized file format/.test(f.error)) unreadable.push({ path: p, message: f.error });
  }
  return { kind: layout.kind, platform, platforms: resolved.platforms, config, layers: layerBlobs.map((l) => l.digest), binaries, unreadable, layerBytes };
}

export { BuildInfoError };
