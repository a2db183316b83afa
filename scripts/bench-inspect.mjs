// Inspect benchmark (issue 4), run by scripts/bench.mjs or alone (`node scripts/bench-inspect.mjs`):
//   1. the corpus (Go fixtures built by scripts/go-fixtures.mjs + the npm corpus of
//      scripts/fetch-corpus.mjs when present) through `godrift inspect` and `go version -m`, same run;
//   2. the same corpus replicated to ≥ 1,000 files with hard links (all of it, and the part Go reads);
//   3. bytes read per binary by godrift's reader (fast path and recovery path);
//   4. a ~1 GB OCI image archive through `godrift inspect`: wall time and peak RSS.
// Optionally a baseline build of godrift (--baseline DIR or GODRIFT_BASELINE) in the same runs.
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

/** Wall time by the clock around the process (ms resolution matters here), peak RSS by /usr/bin/time. */
function measure(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, GOTOOLCHAIN: 'local' } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const [user, sys, rssKb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, status: r.status, stdout: r.stdout };
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

/**
 * `baseline`: the root of another build of godrift (e.g. the previous commit, `git archive` + tsc)
 * measured in the same run, so the before/after comparison shares the machine's load.
 */
export async function benchInspect({ runs = 5, baseline = process.env.GODRIFT_BASELINE } = {}) {
  const built = await buildGoFixtures();
  const files = [...Object.values(built).filter((r) => r.path).map((r) => r.path), ...corpusFiles()].sort();
  const godrift = join(root, 'bin', 'godrift.js');
  const before = baseline ? join(baseline, 'bin', 'godrift.js') : undefined;
  const { readGoBinaryFile } = await import(join(root, 'dist', 'artifacts', 'buildinfo', 'index.js'));

  // Bytes read per binary, in process; `blob`: the version and modinfo strings themselves, which
  // any reader must read (buf's modinfo alone is 9.5 KB).
  const fast = [];
  const slow = [];
  const goReadable = [];
  for (const f of files) {
    try {
      const b = readGoBinaryFile(f);
      const blob = b.infoBytes;
      (b.method === 'buildinfo-section' || b.method === 'writable-segment' ? fast : slow).push({ file: f, bytes: b.bytesRead, overhead: b.bytesRead - blob, method: b.method, size: b.size });
    } catch {
      /* not a Go binary (a JS launcher) */
    }
    // `go version` exits 1 for a file without build info only with -m.
    if (spawnSync('go', ['version', '-m', f], { env: { ...process.env, GOTOOLCHAIN: 'local' } }).status === 0) goReadable.push(f);
  }

  // Every command of a set runs once per round, rounds interleaved: the machine's load is shared.
  const cmds = (args) => ({
    go: ['go', ['version', '-m', ...args]],
    ...(before ? { before: [process.execPath, [before, 'inspect', ...args]], beforeReadOnly: [process.execPath, [before, 'inspect', '--no-findings', ...args]] } : {}),
    godrift: [process.execPath, [godrift, 'inspect', ...args]],
    readOnly: [process.execPath, [godrift, 'inspect', '--no-findings', ...args]],
  });
  const run = (args) => {
    const times = {};
    const cpu = {};
    const rss = {};
    for (let i = 0; i < runs; i++) {
      for (const [name, [cmd, a]] of Object.entries(cmds(args))) {
        const m = measure(cmd, a);
        (times[name] ??= []).push(m.wall);
        (cpu[name] ??= []).push(m.cpu);
        rss[name] = Math.max(rss[name] ?? 0, m.rssMb);
      }
      (times.node0 ??= []).push(measure(process.execPath, ['-e', '0']).wall);
    }
    // Best of N: the machine is shared (other jobs only ever add time), so the fastest run is the
    // closest to the command's own cost; the medians are kept in .bench/inspect.json.
    return { ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.min(...v)])), medians: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])), cpu: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.min(...v)])), rss };
  };
  const replicate = (name, list) => {
    const dir = join(benchDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let n = 0;
    for (let c = 0; c < Math.ceil(1000 / list.length); c++) for (const f of list) linkSync(f, join(dir, `${n++}-${f.split('/').pop()}`));
    return { dir, n };
  };
  const small = run(files);
  const all = replicate('inspect-replicated', files);
  const big = run([all.dir]);
  const readableSmall = run(goReadable);
  const readable = replicate('inspect-replicated-go-readable', goReadable);
  const readableBig = run([readable.dir]);
  const marginal = (b, s, nb, ns) => Object.fromEntries(Object.keys(cmds([])).map((k) => [k, ((b[k] - s[k]) / (nb - ns)) * 1000]));
  const perBinary = marginal(big, small, all.n, files.length);
  const perReadable = marginal(readableBig, readableSmall, readable.n, goReadable.length);
  // The same from CPU time (user + system, /usr/bin/time: 10 ms resolution, summed over 1,000 files).
  const perBinaryCpu = marginal(big.cpu, small.cpu, all.n, files.length);
  const perReadableCpu = marginal(readableBig.cpu, readableSmall.cpu, readable.n, goReadable.length);

  // A ~1 GB image archive: incompressible filler files plus the Go fixtures, one gzip layer.
  const img = join(benchDir, 'inspect-1g.tar');
  if (!existsSync(img)) {
    const layers = [];
    for (let l = 0; l < 8; l++) layers.push({ compression: 'none', files: Array.from({ length: 8 }, (_, i) => ({ path: `data/l${l}/blob${i}.bin`, data: randomBytes(16 << 20), mode: 0o644 })) });
    layers.push({ compression: 'gzip', files: Object.entries(built).filter(([, r]) => r.path).map(([name, r]) => ({ path: `usr/local/bin/${name}`, from: r.path })) });
    await writeOciLayout(img, [{ entrypoint: ['linux-amd64'], env: ['PATH=/usr/local/bin', 'GODEBUG=panicnil=0'], layers }]);
  }
  const imgSize = statSync(img).size;
  const imageRuns = Array.from({ length: Math.min(runs, 3) }, () => measure(process.execPath, [godrift, 'inspect', img]));

  const stat = (xs, k) => ({ binaries: xs.length, median: xs.length ? median(xs.map((x) => x[k])) : 0, max: xs.length ? Math.max(...xs.map((x) => x[k])) : 0 });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    go: execFileSync('go', ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim(),
    baseline: baseline ?? null,
    runs,
    corpus: { files: files.length, goReadable: goReadable.length, seconds: small, secondsGoReadable: readableSmall },
    replicated: { files: all.n, seconds: big, marginalPerBinaryMs: perBinary, marginalPerBinaryCpuMs: perBinaryCpu },
    replicatedGoReadable: { files: readable.n, seconds: readableBig, marginalPerBinaryMs: perReadable, marginalPerBinaryCpuMs: perReadableCpu },
    bytesRead: {
      fastPath: { ...stat(fast, 'bytes'), overhead: stat(fast, 'overhead'), over8k: fast.filter((x) => x.bytes > 8192).map((x) => x.file.replace(root + '/', '')) },
      recovery: stat(slow, 'bytes'),
      perBinary: [...fast, ...slow].map((x) => ({ file: x.file.replace(root + '/', ''), method: x.method, bytes: x.bytes, overhead: x.overhead, size: x.size })),
    },
    image: { bytes: imgSize, wall: median(imageRuns.map((r) => r.wall)), peakRssMb: Math.max(...imageRuns.map((r) => r.rssMb)) },
  };
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(join(benchDir, 'inspect.json'), JSON.stringify(result, null, 2));
  const f = (x, d = 3) => (x === undefined ? '–' : x.toFixed(d));
  const row = (what, n, r) => `| ${what} | ${n} | ${f(r.node0)} | ${f(r.go)} | ${f(r.before)} | ${f(r.godrift)} | ${f(r.beforeReadOnly)} | ${f(r.readOnly)} |`;
  const ms = (r) => `\`go version -m\` ${f(r.go, 2)}; godrift before ${f(r.before, 2)} → after ${f(r.godrift, 2)} with findings, ${f(r.beforeReadOnly, 2)} → ${f(r.readOnly, 2)} reading only`;
  console.log(`
### inspect (build info)

Measured ${result.date.slice(0, 10)}, ${result.node}, ${result.go}, best of ${runs} interleaved runs (machine shared; medians in .bench/inspect.json); "before" is ${baseline ?? '(no baseline given)'}.

| what | files | \`node -e 0\` (s) | \`go version -m\` (s) | inspect before (s) | inspect after (s) | \`--no-findings\` before (s) | \`--no-findings\` after (s) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row('corpus', files.length, small)}
${row('corpus × hard links', all.n, big)}
${row('Go-readable part of the corpus', goReadable.length, readableSmall)}
${row('Go-readable part × hard links', readable.n, readableBig)}

- Whole corpus beyond Node start-up: after ${f((small.godrift - small.node0) * 1000, 0)} ms with findings (before ${f((small.before - small.node0) * 1000, 0)}), ${f((small.readOnly - small.node0) * 1000, 0)} ms reading only (before ${f((small.beforeReadOnly - small.node0) * 1000, 0)}).
- Marginal cost per binary (ms), whole corpus: ${ms(perBinary)}.
- Marginal cost per binary (ms), binaries Go reads: ${ms(perReadable)}.
- The same in CPU time (ms): whole corpus ${ms(perBinaryCpu)}; binaries Go reads ${ms(perReadableCpu)}.
- Bytes read per binary, fast path (${fast.length} binaries): median ${result.bytesRead.fastPath.median}, max ${result.bytesRead.fastPath.max}; beyond the version and modinfo strings themselves: median ${result.bytesRead.fastPath.overhead.median}, max ${result.bytesRead.fastPath.overhead.max}. Over 8 KB: ${result.bytesRead.fastPath.over8k.length} (${result.bytesRead.fastPath.over8k.map((x) => x.split('/').slice(-4, -3).join('/')).join(', ') || 'none'}).
  Recovery path (${slow.length} binaries): median ${result.bytesRead.recovery.median}, max ${result.bytesRead.recovery.max}.
- A ${f(imgSize / 1048576, 0)} MiB OCI image archive (8 uncompressed layers of filler, one gzip layer with ${Object.values(built).filter((r) => r.path).length} Go binaries): ${f(result.image.wall, 2)} s, peak RSS ${f(result.image.peakRssMb, 0)} MB.
`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  await benchInspect({ runs: Number(arg('--runs') ?? 5) || 5, baseline: arg('--baseline') ?? process.env.GODRIFT_BASELINE });
}
