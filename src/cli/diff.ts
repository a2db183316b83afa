// `godrift diff A B`: how two builds differ — two binaries, two images, or one of each (an image
// contributes its entrypoint binary, or its only Go binary, and its config Env). Go version, build
// settings, DefaultGODEBUG key by key, GOEXPERIMENT, the image's runtime Env, and module versions.
// Exit 1 when a runtime-relevant setting differs (how a user checks that the test build is the
// release build), 0 when none does, 2 on usage errors or unreadable inputs.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readArtifact, type Artifact } from '../artifacts/index.js';
import { buildSetting, type BuildInfo, type GoBinary } from '../artifacts/buildinfo/index.js';
import { trackedVariable } from '../knowledge/variables.js';

export const DIFF_HELP = `usage: godrift diff [--json] [--platform OS/ARCH] A B

Compares two builds (binaries, image archives or OCI layouts): Go version, build settings,
DefaultGODEBUG key by key, GOEXPERIMENT, image Env and module versions.
exit codes: 0 no runtime-relevant difference, 1 a runtime-relevant setting differs, 2 usage error.
`;

/** One difference. `a`/`b` undefined: absent on that side. */
export interface Difference {
  section: 'go' | 'build' | 'godebug' | 'experiment' | 'env' | 'module';
  key: string;
  a?: string;
  b?: string;
  /** Changes how the program behaves at run time (exit 1). */
  runtime: boolean;
}

/** Build settings whose difference changes run-time behaviour; the rest (vcs.*, -ldflags, CGO_CFLAGS, -trimpath) do not. */
const RUNTIME_SETTINGS = new Set(['-asan', '-msan', '-race', '-cover', '-gcflags', '-tags', '-buildmode', '-compiler', 'CGO_ENABLED', 'GOOS', 'GOARCH', 'GOAMD64', 'GOARM', 'GOARM64', 'GO386', 'GOMIPS', 'GOMIPS64', 'GOPPC64', 'GORISCV64', 'GOWASM', 'GOFIPS140', '-pgo']);

interface Side {
  label: string;
  binary: GoBinary;
  env: string[];
  note?: string;
}

function pickSide(a: Artifact): Side | string {
  if (a.kind === 'error') return a.message;
  if (a.kind === 'binary') return { label: a.path, binary: a.binary, env: [] };
  const bins = a.image.binaries;
  const entry = bins.find((b) => b.entrypoint) ?? (bins.length === 1 ? bins[0] : undefined);
  if (!entry) return bins.length === 0 ? `${a.path}: the image has no Go binary` : `${a.path}: the image has ${bins.length} Go binaries and its entrypoint is none of them`;
  return { label: `${a.path}:${entry.path}`, binary: entry.binary, env: a.image.config.env, ...(entry.entrypoint ? {} : { note: 'only Go binary in the image' }) };
}

function settingsMap(info: BuildInfo): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of info.Settings) if (s.Key !== 'DefaultGODEBUG' && s.Key !== 'GOEXPERIMENT') m.set(s.Key, s.Value);
  return m;
}

function keyed(value: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const item of (value ?? '').split(',')) {
    const eq = item.indexOf('=');
    if (eq > 0) m.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return m;
}

function experiments(b: GoBinary): Map<string, string> {
  const m = new Map<string, string>();
  for (const item of (buildSetting(b.info, 'GOEXPERIMENT') ?? '').split(',')) {
    const t = item.trim();
    if (t === '') continue;
    if (t.startsWith('no') && t !== 'none') m.set(t.slice(2), 'off');
    else m.set(t, 'on');
  }
  return m;
}

function modules(info: BuildInfo): Map<string, string> {
  const m = new Map<string, string>();
  const fmt = (x: { Version: string; Replace?: { Path: string; Version: string } }) => (x.Replace ? `${x.Version} => ${x.Replace.Path} ${x.Replace.Version}` : x.Version);
  if (info.Main.Path) m.set(info.Main.Path, fmt(info.Main));
  for (const d of info.Deps) m.set(d.Path, fmt(d));
  return m;
}

function envMap(env: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env) {
    const eq = e.indexOf('=');
    if (eq > 0 && trackedVariable(e.slice(0, eq))) m.set(e.slice(0, eq), e.slice(eq + 1));
  }
  return m;
}

function compareMaps(section: Difference['section'], a: Map<string, string>, b: Map<string, string>, runtime: (key: string) => boolean, out: Difference[]): void {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const k of keys) {
    const x = a.get(k);
    const y = b.get(k);
    if (x === y) continue;
    out.push({ section, key: k, ...(x !== undefined ? { a: x } : {}), ...(y !== undefined ? { b: y } : {}), runtime: runtime(k) });
  }
}

/** The differences between two builds. */
export function diffBinaries(a: Side, b: Side): Difference[] {
  const out: Difference[] = [];
  if (a.binary.info.GoVersion !== b.binary.info.GoVersion) out.push({ section: 'go', key: 'go version', a: a.binary.info.GoVersion, b: b.binary.info.GoVersion, runtime: true });
  compareMaps('build', settingsMap(a.binary.info), settingsMap(b.binary.info), (k) => RUNTIME_SETTINGS.has(k), out);
  compareMaps('godebug', keyed(buildSetting(a.binary.info, 'DefaultGODEBUG')), keyed(buildSetting(b.binary.info, 'DefaultGODEBUG')), () => true, out);
  compareMaps('experiment', experiments(a.binary), experiments(b.binary), () => true, out);
  compareMaps('env', envMap(a.env), envMap(b.env), (k) => trackedVariable(k)?.readBy !== 'build', out);
  compareMaps('module', modules(a.binary.info), modules(b.binary.info), () => false, out);
  return out;
}

const SECTION_NAMES: Record<Difference['section'], string> = { go: 'go', build: 'build', godebug: 'DefaultGODEBUG', experiment: 'GOEXPERIMENT', env: 'image Env', module: 'module' };

export async function runDiff(argv: string[]): Promise<number> {
  let values: { json?: boolean; platform?: string; help?: boolean };
  let paths: string[];
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, platform: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    values = parsed.values;
    paths = parsed.positionals;
  } catch (error) {
    process.stderr.write(`godrift diff: ${(error as Error).message}\n${DIFF_HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(DIFF_HELP);
    return 0;
  }
  if (paths.length !== 2) {
    process.stderr.write(`godrift diff: expected two paths, got ${paths.length}\n${DIFF_HELP}`);
    return 2;
  }
  const sides: Side[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch (error) {
      process.stderr.write(`godrift diff: ${(error as Error).message}\n`);
      return 2;
    }
    const a = await readArtifact(p, p, values.platform ? { platform: values.platform } : {}, isDir);
    const side = a ? pickSide(a) : `${p}: could not read Go build info from ${p}: unrecognized file format`;
    if (typeof side === 'string') {
      process.stderr.write(`godrift diff: ${side}\n`);
      return 2;
    }
    sides.push(side);
  }
  const [a, b] = sides as [Side, Side];
  const diffs = diffBinaries(a, b);
  const relevant = diffs.some((d) => d.runtime);
  if (values.json) {
    process.stdout.write(JSON.stringify({ schemaVersion: 1, a: a.label, b: b.label, runtimeRelevant: relevant, differences: diffs }, null, 2) + '\n');
  } else {
    let out = `--- ${a.label}${a.note ? ` (${a.note})` : ''}\n+++ ${b.label}${b.note ? ` (${b.note})` : ''}\n`;
    if (diffs.length === 0) out += 'no differences in Go version, build settings, DefaultGODEBUG, GOEXPERIMENT, image Env or modules\n';
    for (const d of diffs) {
      const name = `${SECTION_NAMES[d.section]} ${d.key}`.replace(/^go go version$/, 'go version');
      out += `${d.runtime ? '!' : ' '} ${name}: ${d.a ?? '(unset)'} -> ${d.b ?? '(unset)'}\n`;
    }
    if (diffs.length > 0) out += relevant ? `runtime-relevant differences: ${diffs.filter((d) => d.runtime).length} (marked !)\n` : 'no runtime-relevant difference\n';
    process.stdout.write(out);
  }
  return relevant ? 1 : 0;
}
