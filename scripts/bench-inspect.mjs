// Inspect benchmark (issue 4), run by scripts/bench.mjs or alone (`node scripts/bench-inspect.mjs`):
//   1. the corpus (Go fixtures built by scripts/go-fixtures.mjs + the npm corpus of
//      scripts/fetch-corpus.mjs when present) through `godrift inspect` and `go version -m`, same run;
//   2. the same corpus replicated to ≥ 1,000 files with hard links;
//   3. bytes read per binary by godrift's reader (fast path and recovery path);
//   4. a ~1 GB OCI image archive through `godrift inspect`: wall time and peak RSS.
// Writes .bench/inspect.json and prints a Markdown section for docs/benchmarks.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGoFixtures } from './go-fixtures.mjs';
import { writeOciLayout } from './image-writer.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const benchDir = join(root, '.bench');

function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, GOTOOLCHAIN: 'local' } });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, rssKb] = last.split(' ').map(Number);
  return { wall, rssMb: rssKb / 1024, status: r.status, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function corpusFiles() {
  const dir = join(root, '.corpus', 'npm');
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/^(esbuild|buf|lefthook)(\.exe)?$|\.wasm$/.test(n) && st.size > 100_000) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export async function benchInspect({ runs = 3 } = {}) {
  const built = await buildGoFixtures();
  const files = [...Object.values(built).filter((r) => r.path).map((r) => r.path), ...corpusFiles()].sort();
  const godrift = join(root, 'bin', 'godrift.js');
  const { readGoBinaryFile } = await import(join(root, 'dist', 'artifacts', 'buildinfo', 'index.js'));

  // Bytes read per binary, in process.
  const fast = [];
  const slow = [];
  for (const f of files) {
    try {
      const b = readGoBinaryFile(f);
      (b.method === 'buildinfo-section' || b.method === 'writable-segment' ? fast : slow).push({ file: f, bytes: b.bytesRead, method: b.method, size: b.size });
    } catch {
      /* not a Go binary (a JS launcher) */
    }
  }

  const node0 = median(Array.from({ length: runs }, () => measure(process.execPath, ['-e', '0']).wall));
  const run = (args) => {
    const g = [];
    const d = [];
    const r = [];
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      g.push(measure('go', ['version', '-m', ...args]).wall);
      const m = measure(process.execPath, [godrift, 'inspect', ...args]);
      d.push(m.wall);
      rss = Math.max(rss, m.rssMb);
      r.push(measure(process.execPath, [godrift, 'inspect', '--no-findings', ...args]).wall);
    }
    return { go: median(g), godrift: median(d), readOnly: median(r), rss };
  };
  const small = run(files);

  // Replicate with hard links to ≥ 1,000 files.
  const rep = join(benchDir, 'inspect-replicated');
  rmSync(rep, { recursive: true, force: true });
  mkdirSync(rep, { recursive: true });
  const copies = Math.ceil(1000 / files.length);
  let n = 0;
  for (let c = 0; c < copies; c++) for (const f of files) linkSync(f, join(rep, `${n++}-${f.split('/').pop()}`));
  const big = run([rep]);
  const perBinary = { go: (big.go - small.go) / (n - files.length), godrift: (big.godrift - small.godrift) / (n - files.length), readOnly: (big.readOnly - small.readOnly) / (n - files.length) };

  // A ~1 GB image archive: incompressible filler files plus the Go fixtures, one gzip layer.
  const img = join(benchDir, 'inspect-1g.tar');
  if (!existsSync(img)) {
    const layers = [];
    for (let l = 0; l < 8; l++) layers.push({ compression: 'none', files: Array.from({ length: 8 }, (_, i) => ({ path: `data/l${l}/blob${i}.bin`, data: randomBytes(16 << 20), mode: 0o644 })) });
    layers.push({ compression: 'gzip', files: Object.entries(built).filter(([, r]) => r.path).map(([name, r]) => ({ path: `usr/local/bin/${name}`, from: r.path })) });
    await writeOciLayout(img, [{ entrypoint: ['linux-amd64'], env: ['PATH=/usr/local/bin', 'GODEBUG=panicnil=0'], layers }]);
  }
  const imgSize = statSync(img).size;
  const imageRuns = Array.from({ length: runs }, () => measure(process.execPath, [godrift, 'inspect', img]));

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    go: execFileSync('go', ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim(),
    corpus: { files: files.length, goVersionM: small.go, godrift: small.godrift, godriftPeakRssMb: small.rss, nodeStartup: node0 },
    replicated: { files: n, goVersionM: big.go, godrift: big.godrift, godriftPeakRssMb: big.rss, marginalPerBinaryMs: { go: perBinary.go * 1000, godrift: perBinary.godrift * 1000, readOnly: perBinary.readOnly * 1000 } },
    bytesRead: {
      fastPath: { binaries: fast.length, median: median(fast.map((x) => x.bytes)), max: Math.max(...fast.map((x) => x.bytes)) },
      recovery: { binaries: slow.length, median: slow.length ? median(slow.map((x) => x.bytes)) : 0, max: slow.length ? Math.max(...slow.map((x) => x.bytes)) : 0 },
      perBinary: [...fast, ...slow].map((x) => ({ file: x.file.replace(root + '/', ''), method: x.method, bytes: x.bytes, size: x.size })),
    },
    image: { bytes: imgSize, wall: median(imageRuns.map((r) => r.wall)), peakRssMb: Math.max(...imageRuns.map((r) => r.rssMb)) },
  };
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(join(benchDir, 'inspect.json'), JSON.stringify(result, null, 2));
  const f = (x, d = 3) => x.toFixed(d);
  console.log(`
### inspect (build info)

Measured ${result.date.slice(0, 10)}, ${result.node}, ${result.go}, ${runs} runs (median).

| what | files | \`go version -m\` (s) | \`godrift inspect\` (s) | \`inspect --no-findings\` (s) | godrift peak RSS (MB) |
| --- | ---: | ---: | ---: | ---: | ---: |
| corpus | ${files.length} | ${f(small.go)} | ${f(small.godrift)} | ${f(small.readOnly)} | ${f(small.rss, 0)} |
| corpus × hard links | ${n} | ${f(big.go)} | ${f(big.godrift)} | ${f(big.readOnly)} | ${f(big.rss, 0)} |

- Node start-up (\`node -e 0\`): ${f(node0)} s; the whole corpus costs godrift ${f(small.godrift - node0)} s beyond it.
- Marginal cost per binary: \`go version -m\` ${f(perBinary.go * 1000, 2)} ms, godrift ${f(perBinary.godrift * 1000, 2)} ms with findings, ${f(perBinary.readOnly * 1000, 2)} ms reading only.
- Bytes read per binary, fast path (${fast.length} binaries): median ${result.bytesRead.fastPath.median}, max ${result.bytesRead.fastPath.max}.
  Recovery path (${slow.length} binaries: esbuild ≥ 0.27, WebAssembly, Plan 9 386): median ${result.bytesRead.recovery.median}, max ${result.bytesRead.recovery.max}.
- A ${f(imgSize / 1048576, 0)} MiB OCI image archive (8 uncompressed layers of filler, one gzip layer with ${Object.values(built).filter((r) => r.path).length} Go binaries): ${f(result.image.wall, 2)} s, peak RSS ${f(result.image.peakRssMb, 0)} MB.
`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? 3) || 3;
  await benchInspect({ runs });
}
