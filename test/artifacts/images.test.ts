// Images built here with a tar writer from real fixture binaries, in both layouts (Docker archive,
// OCI directory and OCI tar), multi-platform, with gzip, zstd and uncompressed layers, whiteouts
// and opaque directories.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageObservations } from '../../src/artifacts/index.js';
import { inspectImage } from '../../src/artifacts/image/index.js';
// @ts-expect-error plain JS module without types
import { hasZstd, writeDockerArchive, writeOciLayout } from '../../scripts/image-writer.mjs';
import { goFixtures, HAS_GO, IN_CI, SKIP_WITHOUT_GO, ROOT, type Built } from './helpers.js';

const hasGo = HAS_GO;
let fx: Built = {};
const dir = mkdtempSync(join(tmpdir(), 'godrift-images-'));
beforeAll(async () => {
  if (hasGo) fx = await goFixtures();
}, 900_000);

function image(over: Record<string, unknown> = {}) {
  return {
    env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'GODEBUG=panicnil=0', 'GOMEMLIMIT=900MiB'],
    entrypoint: ['app'],
    layers: [
      {
        compression: 'gzip',
        files: [
          { path: 'usr/bin/app', from: fx['linux-amd64-netcgo']!.path },
          { path: 'usr/bin/old-tool', from: fx['linux-amd64-nocgo']!.path, mode: 0o644 },
          { path: 'opt/tools/dbg', from: fx['linux-amd64-debug']!.path },
          { path: 'etc/os-release', data: Buffer.from('ID=test\n') },
          { path: 'lib64', symlink: 'usr/lib64' },
        ],
      },
      {
        compression: hasZstd() ? 'zstd' : 'none',
        files: [
          { path: 'usr/bin/.wh.old-tool', data: Buffer.alloc(0) },
          { path: 'opt/tools/.wh..wh..opq', data: Buffer.alloc(0) },
          { path: 'opt/tools/new', from: fx['linux-amd64-v3']!.path },
          { path: 'usr/lib64/ld-linux-x86-64.so.2', data: Buffer.from('loader stand-in') },
        ],
      },
      { compression: 'none', files: [{ path: 'srv/web.wasm', from: fx['js-wasm']!.path }] },
    ],
    ...over,
  };
}

describe.skipIf(SKIP_WITHOUT_GO)('image archives', () => {
  // The zstd layer needs the zstd command to write it (Node 20's zlib has no zstd compressor).
  it.skipIf(!IN_CI)('CI has the zstd command, so the zstd layer path is exercised', () => {
    expect(hasZstd(), 'apt-get install zstd').toBe(true);
  });

  it('config Cmd, WorkingDir and User: a relative Cmd runs from the working directory', async () => {
    const p = join(dir, 'cmd-only.tar');
    await writeOciLayout(p, [
      {
        env: ['PATH=/usr/bin', 'GODEBUG=tlsrsakex=1'],
        cmd: ['./server', '--port=8080'],
        workingDir: '/srv',
        user: '65532:65532',
        layers: [{ compression: 'gzip', files: [{ path: 'srv/server', from: fx['linux-amd64-nocgo']!.path }, { path: 'usr/bin/helper', from: fx['linux-amd64-v3']!.path }] }],
      },
    ]);
    const img = await inspectImage(p);
    expect(img.config.entrypoint).toEqual([]);
    expect(img.config.cmd).toEqual(['./server', '--port=8080']);
    expect(img.config.workingDir).toBe('/srv');
    expect(img.config.user).toBe('65532:65532');
    expect(img.binaries.filter((b) => b.entrypoint).map((b) => b.path)).toEqual(['/srv/server']);
    // The Env is judged against the Go of the binary that reads it (the one the image runs).
    const env = imageObservations('cmd-only.tar', img).filter((o) => o.origin === 'image-config-env');
    expect(env.map((o) => [o.variable, o.key, o.goVersion])).toEqual([['GODEBUG', 'tlsrsakex', '1.26.8']]);
  });

  it('docker archive: layers in order, whiteouts, opaque dirs, entrypoint, interpreter through symlinks', async () => {
    const p = join(dir, 'docker.tar');
    await writeDockerArchive(p, image());
    const img = await inspectImage(p);
    expect(img.kind).toBe('docker-archive');
    expect(img.platform).toBe('linux/amd64');
    expect(img.binaries.map((b) => b.path)).toEqual(['/opt/tools/new', '/srv/web.wasm', '/usr/bin/app']);
    const app = img.binaries.find((b) => b.path === '/usr/bin/app')!;
    expect(app.entrypoint).toBe(true);
    expect(app.interpreterPresent).toBe(true);
    expect(app.binary.info.Path).toBe('example.com/hello/cmd/netcheck');
    expect(img.binaries.find((b) => b.path === '/srv/web.wasm')!.binary.method).toBe('wasm-data');
    expect(img.config.env).toContain('GODEBUG=panicnil=0');
  });

  it('OCI layout directory and tar, multi-platform index with --platform', async () => {
    const amd = image();
    const arm = image({ architecture: 'arm64', variant: 'v8', layers: [{ compression: 'gzip', files: [{ path: 'usr/bin/app', from: fx['linux-amd64-nocgo']!.path }] }] });
    const d = join(dir, 'oci');
    await writeOciLayout(d, [amd, arm]);
    const a = await inspectImage(d);
    expect(a.kind).toBe('oci-layout');
    expect(a.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(a.binaries.length).toBe(3);
    const b = await inspectImage(d, { platform: 'linux/arm64' });
    expect(b.platform).toBe('linux/arm64/v8');
    expect(b.binaries.map((x) => x.path)).toEqual(['/usr/bin/app']);
    await expect(inspectImage(d, { platform: 'linux/s390x' })).rejects.toThrow(/no linux\/s390x image/);
    const t = join(dir, 'oci.tar');
    await writeOciLayout(t, [amd]);
    const c = await inspectImage(t);
    expect(c.kind).toBe('oci-archive');
    expect(c.binaries.map((x) => x.path)).toEqual(a.binaries.map((x) => x.path));
  });

  it('a cgo binary on an image without its loader', async () => {
    const p = join(dir, 'scratch.tar');
    await writeDockerArchive(p, { entrypoint: ['/app'], layers: [{ files: [{ path: 'app', from: fx['linux-amd64-netcgo']!.path }] }] });
    const img = await inspectImage(p);
    expect(img.binaries[0]!.interpreterPresent).toBe(false);
    const obs = imageObservations('scratch.tar', img);
    expect(obs.find((o) => o.variable === '@binary.interpreter-missing')?.value.text).toMatch(/ld-linux/);
  });

  it('image Env and build info become observations with logical spans', async () => {
    const p = join(dir, 'docker.tar');
    const img = await inspectImage(p);
    const obs = imageObservations('docker.tar', img);
    const env = obs.find((o) => o.origin === 'image-config-env' && o.variable === 'GODEBUG')!;
    expect(env.key).toBe('panicnil');
    expect(env.span.logical).toEqual(['docker.tar', 'config', 'Env', 'GODEBUG', 'panicnil']);
    const dg = obs.find((o) => o.origin === 'binary-buildinfo' && o.variable === 'GODEBUG' && o.key === 'panicnil')!;
    expect(dg.value.text).toBe('1');
    expect(dg.span.logical?.slice(2)).toEqual(['/opt/tools/new', 'build info', 'DefaultGODEBUG', 'panicnil']);
    expect(dg.span.start).toBeUndefined();
    expect(obs.some((o) => o.variable === 'GOAMD64' && o.value.text === 'v3')).toBe(true);
    expect(obs.some((o) => o.variable === '@build-toolchain' && o.value.text === '1.26.8')).toBe(true);
  });

  it('godrift inspect and diff on images', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'godrift.js'), ...args], { encoding: 'utf8', cwd: dir });
    const r = cli('inspect', 'docker.tar');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('docker.tar:/usr/bin/app: go1.26.8\n\tpath\texample.com/hello/cmd/netcheck\n');
    expect(r.stdout).toContain('[goamd64-level]');
    expect(r.stdout).toContain('[binary-godebug-override]');
    expect(r.stdout).toContain('# godrift: read by wasm-data');
    const same = cli('diff', 'docker.tar', 'oci.tar');
    expect(same.stdout).toContain('no differences');
    expect(same.status).toBe(0);
    const d = cli('diff', 'docker.tar', fx['linux-amd64-nocgo']!.path!);
    expect(d.status).toBe(1);
    expect(d.stdout).toContain('! build CGO_ENABLED: 1 -> 0');
    expect(d.stdout).toContain('! image Env GODEBUG: panicnil=0 -> (unset)');
  });
});
