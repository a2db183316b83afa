#!/usr/bin/env node
// Benchmark: `godrift scan` against `rg` over the same trees, in the same run.
// Writes .bench/results.json and prints a Markdown table for docs/benchmarks.md.
//   datasets: the installed Go's GOROOT; a generated monorepo of 2,000 services
//   (Dockerfile, Kubernetes base + overlays, Helm chart, workflow each).
// Targets (issue 2): GOROOT within 5× rg's wall time, monorepo within 15×, peak RSS < 300 MB.
// Usage: npm run bench [-- --runs N --services N --only scan|inspect]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, services: { type: 'string', default: '2000' }, only: { type: 'string' } } });
if (values.only !== undefined && values.only !== 'scan' && values.only !== 'inspect') {
  console.error(`bench: --only takes scan or inspect, not "${values.only}"`);
  process.exit(2);
}
const runs = Number(values.runs);
const services = Number(values.services);
const benchDir = join(root, '.bench');
mkdirSync(benchDir, { recursive: true });

// The directories godrift never walks (ALWAYS_SKIPPED of src/cli/discover.ts, from the build
// this script runs), so both tools search the same files; rg already honours .gitignore.
const { ALWAYS_SKIPPED } = await import(join(root, 'dist', 'cli', 'discover.js'));
const RG_SAME_FILES = [...ALWAYS_SKIPPED].flatMap((dir) => ['-g', `!**/${dir}/**`]);
const PATTERN = 'GODEBUG|GOTRACEBACK|GOROOT|GOEXPERIMENT|GOGC|GOMEMLIMIT|GOMAXPROCS|GOFLAGS|CGO_ENABLED|GOTOOLCHAIN|GOAMD64';

function need(cmd) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) {
    console.error(`bench: ${cmd} is not installed (apt-get install ${cmd === 'rg' ? 'ripgrep' : cmd})`);
    process.exit(2);
  }
}
need('rg');
if (!existsSync('/usr/bin/time')) {
  console.error('bench: /usr/bin/time is needed for peak RSS (apt-get install time)');
  process.exit(2);
}

/**
 * Runs a command under /usr/bin/time; returns wall seconds, CPU seconds (user + system: on a
 * shared machine wall time also counts waiting for a core) and peak RSS in MB.
 */
function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, rssKb, user, sys] = last.split(' ').map(Number);
  if (![0, 1].includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A monorepo of `n` services, deterministic, with a few drifts and hazards sprinkled in. */
function generateMonorepo(dir, n) {
  const stamp = join(dir, `.generated-${n}`);
  if (existsSync(stamp)) return;
  rmSync(dir, { recursive: true, force: true });
  const w = (p, text) => {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  w('go.mod', 'module example.com/mono\n\ngo 1.24\n');
  for (let i = 0; i < n; i++) {
    const s = `svc-${String(i).padStart(4, '0')}`;
    const base = `services/${s}`;
    w(`${base}/Dockerfile`, `FROM golang:1.24 AS build\nWORKDIR /src\nENV CGO_ENABLED=0\nCOPY . .\nRUN go build -o /out/${s} ./cmd/${s}\n\nFROM gcr.io/distroless/static\nCOPY --from=build /out/${s} /app\nENV GOTRACEBACK=${i % 97 === 0 ? 'none' : 'single'}\nENTRYPOINT ["/app"]\n`);
    w(`${base}/deploy/base/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n');
    w(`${base}/deploy/base/deployment.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${s}\n  labels:\n    app: ${s}\n    team: team-${i % 40}\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: ${s}\n  template:\n    metadata:\n      labels:\n        app: ${s}\n      annotations:\n        prometheus.io/scrape: "true"\n        prometheus.io/port: "9090"\n    spec:\n      serviceAccountName: ${s}\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 65532\n      containers:\n        - name: ${s}\n          image: registry.example.com/${s}:1.0.${i}\n          ports:\n            - containerPort: 8080\n              name: http\n            - containerPort: 9090\n              name: metrics\n          readinessProbe:\n            httpGet: {path: /readyz, port: http}\n            periodSeconds: 5\n          livenessProbe:\n            httpGet: {path: /healthz, port: http}\n          env:\n            - name: LOG_LEVEL\n              value: info\n            - name: GOMEMLIMIT\n              value: ${i % 53 === 0 ? '600MiB' : '450MiB'}\n            - name: POD_NAME\n              valueFrom:\n                fieldRef: {fieldPath: metadata.name}\n          resources:\n            requests: {cpu: 250m, memory: 256Mi}\n            limits: {cpu: "1", memory: 512Mi}\n`);
    w(`${base}/deploy/base/service.yaml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${s}\nspec:\n  selector:\n    app: ${s}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n`);
    for (const env of ['staging', 'production']) {
      w(`${base}/deploy/overlays/${env}/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: env.yaml\n`);
      w(`${base}/deploy/overlays/${env}/env.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${s}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${s}\n          env:\n            - name: GODEBUG\n              value: "${env === 'production' && i % 31 === 0 ? 'panicnil=1,gctrace=1' : 'panicnil=0'}"\n`);
    }
    w(`${base}/chart/Chart.yaml`, `apiVersion: v2\nname: ${s}\nversion: 0.1.${i}\n`);
    w(`${base}/chart/values.yaml`, `image:\n  repository: registry.example.com/${s}\n  tag: "1.0.${i}"\nreplicaCount: 2\nenv:\n  GOGC: "100"\nresources:\n  limits:\n    cpu: "1"\n    memory: 512Mi\n`);
    w(`${base}/chart/values-production.yaml`, `replicaCount: 6\nenv:\n  GOGC: "${i % 41 === 0 ? 'off' : '150'}"\n`);
    w(`${base}/chart/templates/deployment.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n          env:\n            - name: GOGC\n              value: {{ .Values.env.GOGC | quote }}\n`);
    w(`.github/workflows/${s}.yml`, `name: ${s}\non:\n  push:\n    paths: ["services/${s}/**"]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      GODEBUG: panicnil=0\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-go@v5\n        with:\n          go-version: "1.24"\n      - run: go test ./services/${s}/...\n`);
  }
  writeFileSync(stamp, '');
}

function bench(name, dir) {
  const rgTimes = [];
  const gdTimes = [];
  const rgCpu = [];
  const gdCpu = [];
  const load = [os.loadavg()[0]];
  let rss = 0;
  let rgRss = 0;
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    const rg = measure('rg', ['-c', ...RG_SAME_FILES, '-e', PATTERN, dir]);
    rgTimes.push(rg.wall);
    rgCpu.push(rg.cpu);
    rgRss = Math.max(rgRss, rg.rssMb);
    const gd = measure(process.execPath, [join(root, 'bin', 'godrift.js'), 'scan', dir, '--format', 'json', '--fail-on', 'none']);
    gdTimes.push(gd.wall);
    gdCpu.push(gd.cpu);
    load.push(os.loadavg()[0]);
    rss = Math.max(rss, gd.rssMb);
    findings = JSON.parse(gd.stdout).findings.length;
  }
  const files = Number(execFileSync('rg', ['--files', ...RG_SAME_FILES, dir], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean).length);
  const result = {
    name, dir, files, runs,
    rg: median(rgTimes), godrift: median(gdTimes), ratio: median(gdTimes) / Math.max(0.001, median(rgTimes)),
    rgCpu: median(rgCpu), godriftCpu: median(gdCpu),
    godriftPeakRssMb: rss, rgPeakRssMb: rgRss, findings,
    // 1-minute load average before and after each run: above the core count, wall times are noisy.
    loadAverage: load.map((l) => Number(l.toFixed(2))),
    raw: { rg: rgTimes, godrift: gdTimes },
  };
  console.error(`${name}: ${files} files, rg ${result.rg.toFixed(2)}s, godrift ${result.godrift.toFixed(2)}s (${result.ratio.toFixed(1)}×; CPU ${result.rgCpu.toFixed(2)}s vs ${result.godriftCpu.toFixed(2)}s), peak RSS ${rss.toFixed(0)} MB, ${findings} findings, load ${result.loadAverage.join(' ')}`);
  return result;
}

if (values.only !== 'inspect') {
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  const mono = join(benchDir, 'monorepo');
  generateMonorepo(mono, services);
  const results = [bench('GOROOT', goroot), bench(`monorepo (${services} services)`, mono)];
  writeFileSync(join(benchDir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, results }, null, 2));
  console.log('| tree | files | rg (s) | godrift (s) | ratio | rg CPU (s) | godrift CPU (s) | godrift peak RSS (MB) | findings |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.name} | ${r.files} | ${r.rg.toFixed(2)} | ${r.godrift.toFixed(2)} | ${r.ratio.toFixed(1)}× | ${r.rgCpu.toFixed(2)} | ${r.godriftCpu.toFixed(2)} | ${r.godriftPeakRssMb.toFixed(0)} | ${r.findings} |`);
  }
}

// Inspect section (issue 4): build-info reading against `go version -m`, and a 1 GB image.
if (values.only !== 'scan') {
  const { benchInspect } = await import('./bench-inspect.mjs');
  await benchInspect({ runs });
}
