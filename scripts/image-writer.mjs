// Writes container images the way `docker save` and OCI tools lay them out (OCI image-spec
// image-layout, Docker archive manifest.json), with tar-stream, from real files — used by the tests
// and the inspect benchmark, since there is no container engine here. Layers can be gzip, zstd (via
// the zstd command, skipped when absent) or uncompressed.
//   layer spec: { files: [{ path, data?: Buffer, from?: file, mode?, symlink?, link?, dir? }], compression }
//   whiteouts are plain entries named `.wh.NAME` / `.wh..wh..opq`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export function hasZstd() {
  return spawnSync('sh', ['-c', 'command -v zstd']).status === 0;
}

/** An uncompressed layer tar in memory (fixture binaries are a few MB). */
async function layerTar(files) {
  const pack = tar.pack();
  const chunks = [];
  pack.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const f of files) {
    const name = f.path.replace(/^\//, '');
    if (f.dir) pack.entry({ name, type: 'directory', mode: 0o755 });
    else if (f.symlink !== undefined) pack.entry({ name, type: 'symlink', linkname: f.symlink });
    else if (f.link !== undefined) pack.entry({ name, type: 'link', linkname: f.link.replace(/^\//, '') });
    else {
      const data = f.data ?? readFileSync(f.from);
      pack.entry({ name, mode: f.mode ?? 0o755, size: data.length }, data);
    }
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

function compress(buf, how) {
  if (how === 'gzip') return { data: gzipSync(buf, { level: 1 }), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' };
  if (how === 'zstd') {
    const r = spawnSync('zstd', ['-q', '-1', '-c'], { input: buf, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error('zstd failed');
    return { data: r.stdout, mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' };
  }
  return { data: buf, mediaType: 'application/vnd.oci.image.layer.v1.tar' };
}

const sha = (b) => createHash('sha256').update(b).digest('hex');

function configJson(img, diffIds) {
  return Buffer.from(
    JSON.stringify({
      architecture: img.architecture ?? 'amd64',
      os: img.os ?? 'linux',
      ...(img.variant ? { variant: img.variant } : {}),
      config: { Env: img.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Entrypoint: img.entrypoint, Cmd: img.cmd, WorkingDir: img.workingDir ?? '', User: img.user ?? '' },
      rootfs: { type: 'layers', diff_ids: diffIds.map((d) => `sha256:${d}`) },
    }),
  );
}

/** Builds blobs for one image: { config, manifest, blobs: Map<hex, Buffer> }. */
async function imageBlobs(img) {
  const blobs = new Map();
  const layers = [];
  const diffIds = [];
  for (const l of img.layers) {
    const raw = await layerTar(l.files);
    diffIds.push(sha(raw));
    const { data, mediaType } = compress(raw, l.compression ?? 'gzip');
    const d = sha(data);
    blobs.set(d, data);
    layers.push({ mediaType, digest: `sha256:${d}`, size: data.length });
  }
  const config = configJson(img, diffIds);
  const cd = sha(config);
  blobs.set(cd, config);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${cd}`, size: config.length }, layers }));
  const md = sha(manifest);
  blobs.set(md, manifest);
  return { configDigest: cd, manifestDigest: md, manifestSize: manifest.length, blobs, layers };
}

/** OCI image layout (directory, or tar when `out` ends in .tar) of one or several platform images. */
export async function writeOciLayout(out, images) {
  const all = new Map();
  const manifests = [];
  for (const img of images) {
    const b = await imageBlobs(img);
    for (const [k, v] of b.blobs) all.set(k, v);
    manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${b.manifestDigest}`, size: b.manifestSize, platform: { os: img.os ?? 'linux', architecture: img.architecture ?? 'amd64', ...(img.variant ? { variant: img.variant } : {}) } });
  }
  let index;
  if (images.length > 1) {
    // A multi-platform image: the top index points at an image index, as buildkit writes it.
    const inner = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
    const id = sha(inner);
    all.set(id, inner);
    index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${id}`, size: inner.length }] };
  } else index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: manifests.map(({ platform, ...m }) => m) };
  const files = [
    ['oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')],
    ['index.json', Buffer.from(JSON.stringify(index))],
    ...[...all].map(([d, data]) => [`blobs/sha256/${d}`, data]),
  ];
  if (out.endsWith('.tar')) await writeTar(out, files);
  else {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(out, 'blobs', 'sha256'), { recursive: true });
    for (const [name, data] of files) writeFileSync(join(out, name), data);
  }
}

/** A `docker save` archive (the legacy layout: <id>/layer.tar, <config>.json, manifest.json at the end). */
export async function writeDockerArchive(out, img) {
  const b = await imageBlobs({ ...img, layers: img.layers.map((l) => ({ ...l, compression: l.compression ?? 'none' })) });
  const files = [];
  const layerPaths = [];
  for (const l of b.layers) {
    const hex = l.digest.slice(7);
    files.push([`${hex}/layer.tar`, b.blobs.get(hex)]);
    layerPaths.push(`${hex}/layer.tar`);
  }
  files.push([`${b.configDigest}.json`, b.blobs.get(b.configDigest)]);
  files.push(['manifest.json', Buffer.from(JSON.stringify([{ Config: `${b.configDigest}.json`, RepoTags: [img.tag ?? 'example/app:latest'], Layers: layerPaths }]))]);
  await writeTar(out, files);
}

async function writeTar(out, files) {
  const pack = tar.pack();
  const ws = createWriteStream(out);
  const done = pipeline(pack, ws);
  for (const [name, data] of files) {
    await new Promise((resolve, reject) => pack.entry({ name, size: data.length, mode: 0o644 }, data, (e) => (e ? reject(e) : resolve())));
  }
  pack.finalize();
  await done;
}

/** A big file's bytes streamed into an existing pack (bench: a 1 GB image). */
export function fileEntry(path) {
  return { size: statSync(path).size, stream: () => createReadStream(path) };
}
