// GODEBUG knowledge: merges the generated toolchain tables (src/knowledge/generated) with the
// curated history (src/knowledge/curated/godebug.ts). Where both speak about the same
// toolchain, the generated table wins.

import { GENERATED_TOOLCHAINS } from './generated/toolchains.js';
import { CHANGED_OVERRIDES, CURATED_GODEBUGS, CURATED_NEWEST, CURATED_REMOVED, type CuratedGodebug } from './curated/godebug.js';
import type { GeneratedGodebug, GeneratedToolchain, GodebugSetting, Hazard, ValueDomain } from './types.js';
import { asRelease, compareGoVersions, minorNumber, parseGoVersion } from './versions.js';

const newestGenerated: GeneratedToolchain | undefined = GENERATED_TOOLCHAINS[GENERATED_TOOLCHAINS.length - 1];

/** The newest Go version this knowledge base knows (generated toolchain or curated history, whichever is newer), like `1.27.3`. */
export const NEWEST_GO_VERSION: string = (() => {
  const gen = newestGenerated?.version.replace(/^go/, '');
  if (gen && compareGoVersions(gen, CURATED_NEWEST) >= 0) return gen;
  return CURATED_NEWEST;
})();

/** Release time of {@link NEWEST_GO_VERSION} as its toolchain records it, when that toolchain's source was read. */
export const NEWEST_GO_RELEASED: string | undefined = newestGenerated && newestGenerated.version.replace(/^go/, '') === NEWEST_GO_VERSION ? newestGenerated.released : undefined;

const curatedByName = new Map<string, CuratedGodebug>(CURATED_GODEBUGS.map((c) => [c.name, c]));

/** Newest generated table entry of a name (any toolchain at hand). */
function newestTableEntry(name: string): GeneratedGodebug | undefined {
  for (let i = GENERATED_TOOLCHAINS.length - 1; i >= 0; i--) {
    const e = GENERATED_TOOLCHAINS[i]?.godebugs.find((g) => g.name === name);
    if (e) return e;
  }
  return undefined;
}

const removedByName = new Map<string, { removed: number; oldValues: string[] }>();
for (const r of CURATED_REMOVED) removedByName.set(r.name, { removed: r.removed, oldValues: [...r.oldValues] });
for (const tc of GENERATED_TOOLCHAINS) {
  for (const r of tc.removed) {
    // Go 1.26's Removed has no Old predicate; keep the curated old values then.
    const prev = removedByName.get(r.name);
    removedByName.set(r.name, { removed: r.removed, oldValues: r.oldValues.length > 0 ? [...r.oldValues] : prev?.oldValues ?? [] });
  }
}

/** Known cpu.* option names (generated from internal/cpu of every toolchain at hand, plus go-facts §1.3). */
export const CPU_OPTION_NAMES: readonly string[] = (() => {
  const names = new Set<string>(['all']);
  const curated = 'adx aes erms fsrm pclmulqdq rdtscp sha vpclmulqdq popcnt sse3 sse41 sse42 ssse3 avx avx2 bmi1 bmi2 fma avx512f avx512cd avx512bw avx512dq avx512vl pmull sha1 sha2 sha512 sha3 crc32 atomics cpuid';
  for (const n of curated.split(' ')) names.add(n);
  for (const tc of GENERATED_TOOLCHAINS) for (const o of tc.cpuOptions) names.add(o.name);
  return [...names].sort();
})();

/**
 * The releases that know `cpu.<opt>`, from the internal/cpu option tables of the toolchains read
 * (one per release line from 1.18): the first line whose toolchain has it (1.18: that or older),
 * and the line after the last one that has it when the newest does not.
 */
function cpuAvailability(opt: string): { added: string; removed?: string } {
  if (opt === 'all') return { added: '1.18' };
  const having = GENERATED_TOOLCHAINS.filter((t) => t.cpuOptions.some((o) => o.name === opt));
  const first = having[0];
  const last = having[having.length - 1];
  if (!first || !last) return { added: '1.18' }; // only in go-facts §1.3
  const oldest = GENERATED_TOOLCHAINS[0];
  const added = first === oldest ? '1.18' : `1.${minorNumber(first.version)}`;
  if (last === newestGenerated) return { added };
  return { added, removed: `1.${(minorNumber(last.version) ?? 0) + 1}` };
}

function cpuSetting(name: string): GodebugSetting | undefined {
  const opt = name.slice('cpu.'.length);
  if (!CPU_OPTION_NAMES.includes(opt)) return undefined;
  const avail = cpuAvailability(opt);
  return {
    name,
    package: 'internal/cpu',
    categories: ['performance'],
    meaning: opt === 'all' ? 'with off, disable every optional instruction-set extension the runtime would use' : `with off, do not use the ${opt} CPU extension`,
    added: avail.added,
    ...(avail.removed ? { removed: avail.removed } : {}),
    opaque: true,
    immutable: true,
    defaultValue: 'on',
    domain: { kind: 'enum', values: ['on', 'off'] },
    readsEnvironmentOnly: true,
    availability: [avail.added],
    inTable: false,
    runtime: false,
  };
}

const settingCache = new Map<string, GodebugSetting>();

function buildSetting(c: CuratedGodebug): GodebugSetting {
  const gen = newestTableEntry(c.name);
  const changedNum = gen?.changed ?? c.changed?.version;
  const old = gen?.old ?? c.changed?.old ?? '';
  const retired = removedByName.get(c.name);
  const s: GodebugSetting = {
    name: c.name,
    package: gen?.package ?? c.package,
    categories: [...c.categories],
    meaning: c.meaning,
    opaque: gen?.opaque ?? c.opaque ?? (c.inTable ? false : true),
    immutable: gen?.immutable ?? false,
    domain: c.domain,
    availability: [...c.since],
    inTable: !!c.inTable,
    runtime: !!c.runtime,
  };
  const first = c.since[0];
  if (first) s.added = first;
  if (c.removed) s.removed = c.removed;
  if (changedNum) s.changed = { version: `1.${changedNum}`, old };
  if (c.defaultValue !== undefined) s.defaultValue = c.defaultValue;
  if (c.readsEnvironmentOnly) s.readsEnvironmentOnly = true;
  if (c.hidden) s.hidden = true;
  if (c.platforms) s.platforms = [...c.platforms];
  if (retired) s.retired = { version: `1.${retired.removed}`, oldValues: [...retired.oldValues] };
  return s;
}

/** Strips a bisect `#pattern` suffix and surrounding blanks from a GODEBUG value. */
export function godebugValueOnly(value: string): string {
  const i = value.indexOf('#');
  return (i >= 0 ? value.slice(0, i) : value).trim();
}

/** A GODEBUG setting by name, whatever the Go version (includes retired ones and `cpu.<ext>`). */
export function godebugSetting(name: string): GodebugSetting | undefined {
  const cached = settingCache.get(name);
  if (cached) return cached;
  let s: GodebugSetting | undefined;
  if (name.startsWith('cpu.')) s = cpuSetting(name);
  else {
    const c = curatedByName.get(name);
    if (c) s = buildSetting(c);
  }
  if (s) settingCache.set(name, s);
  return s;
}

/**
 * A GODEBUG key that the Go source of a toolchain at hand reads but that godrift does not model
 * as a setting: go-command and testing internals registered as `godebug.New("#name")` or parsed
 * from os.Getenv("GODEBUG") (`#gofsystrace`, `#execwait`, `lazymod`, `fuzzseed`, …; go-facts
 * §1.2 "Hidden settings"). They work from the environment but are undocumented, have no
 * metric, and go.mod `godebug` lines and `//go:debug` reject them (they are not in
 * internal/godebugs.All). Returns the toolchains whose source reads it and the reading
 * packages, or undefined for a modelled setting or a name no source at hand reads.
 */
export function internalGodebugRead(name: string): { toolchains: string[]; packages: string[]; toolchainsText: string } | undefined {
  if (godebugSetting(name)) return undefined;
  const toolchains: string[] = [];
  const at: number[] = [];
  const packages = new Set<string>();
  GENERATED_TOOLCHAINS.forEach((tc, i) => {
    const r = tc.reads.find((x) => x.name === name);
    if (!r) return;
    toolchains.push(tc.version);
    at.push(i);
    for (const p of r.packages) packages.add(p);
  });
  if (toolchains.length === 0) return undefined;
  // Every toolchain read between the first and the last: say so as a range.
  const contiguous = at.every((x, i) => i === 0 || x === at[i - 1]! + 1);
  const toolchainsText = toolchains.length > 2 && contiguous ? `every toolchain read from ${toolchains[0]} to ${toolchains[toolchains.length - 1]}` : toolchains.join(', ');
  return { toolchains, packages: [...packages].sort(), toolchainsText };
}

/** Every known setting name except `cpu.*` (plus `cpu.all`), sorted. */
export function allGodebugNames(): string[] {
  return [...curatedByName.keys(), 'cpu.all'].sort();
}

/**
 * Whether a version is covered by an availability list: an entry `1.N` covers 1.N.0 and every
 * later version; an entry `1.N.P` covers 1.N.P and later 1.N.x, and also every later release
 * line when it is the last entry (a setting first added by a point release, like tlsmaxrsasize
 * in 1.21.1); earlier `1.N.P` entries are backports to older lines.
 */
function available(since: readonly string[], version: string): boolean {
  const v = asRelease(version);
  const vm = minorNumber(v);
  if (vm === undefined) return false;
  for (const [i, e] of since.entries()) {
    const p = parseGoVersion(e);
    if (!p) continue;
    if (p.minor === vm && compareGoVersions(v, asRelease(e)) >= 0) return true;
    if (p.minor < vm && (p.patch === undefined || i === since.length - 1)) return true;
  }
  return false;
}

/**
 * Whether GODEBUG `name` means something to Go `goVersion` (`1.22`, `1.22.3`, `go1.22.3`; a bare
 * `1.22` is 1.22.0 unless `latestPatch` is set, then it is the newest 1.22.x).
 */
export function godebugExistsIn(name: string, goVersion: string, opts: { latestPatch?: boolean } = {}): boolean {
  const s = godebugSetting(name);
  if (!s) return false;
  let v = goVersion;
  const p = parseGoVersion(goVersion);
  if (!p) return false;
  if (opts.latestPatch && p.patch === undefined && !p.pre) v = `${p.major}.${p.minor}.9999`;
  if (s.removed && compareGoVersions(asRelease(v), asRelease(s.removed)) >= 0) return false;
  return available(s.availability, v);
}

/** Whether go.mod `godebug` lines and `//go:debug` accept `name` with toolchain `goVersion` (internal/godebugs.All membership, Go 1.21+). */
export function godebugInTable(name: string, goVersion: string): boolean {
  const c = curatedByName.get(name);
  if (!c?.inTable) return false;
  if (!godebugExistsIn(name, goVersion)) return false;
  const since = c.tableSince ?? '1.21';
  return compareGoVersions(asRelease(goVersion), asRelease(since)) >= 0;
}

/** The `Changed` minor of a table setting as seen by toolchain minor `tm` (undefined: no change recorded). */
function changedIn(name: string, tm: number): number | undefined {
  const o = CHANGED_OVERRIDES.find((x) => x.name === name && x.minors.includes(tm));
  if (o) return o.changed;
  const s = godebugSetting(name);
  if (!s?.changed) return undefined;
  return minorNumber(s.changed.version);
}

/**
 * The internal/godebugs table of a toolchain version: the generated one when that exact release
 * line and point release is at hand, otherwise rebuilt from the curated history.
 */
export function godebugTableFor(toolchain: string): { name: string; changed?: number; old?: string }[] {
  const tm = minorNumber(toolchain);
  if (tm === undefined || tm < 21) return [];
  const exact = GENERATED_TOOLCHAINS.find((t) => compareGoVersions(t.version, asRelease(toolchain)) === 0);
  if (exact) return exact.godebugs.map((g) => ({ name: g.name, ...(g.changed ? { changed: g.changed, old: g.old ?? '' } : {}) }));
  const out: { name: string; changed?: number; old?: string }[] = [];
  for (const c of CURATED_GODEBUGS) {
    if (!godebugInTable(c.name, toolchain)) continue;
    const ch = changedIn(c.name, tm);
    const s = godebugSetting(c.name);
    // A Changed entry is only in tables of toolchains at or after that minor (the change ships with it).
    if (ch !== undefined && tm >= ch && s?.changed) out.push({ name: c.name, changed: ch, old: s.changed.old });
    else out.push({ name: c.name });
  }
  return out;
}

/**
 * The default of GODEBUG `name` for a program built by `goVersion` (the toolchain) from a main
 * module whose go.mod says `go <goLine>` (default: the toolchain's own version). Undefined when
 * the setting does not exist in that toolchain or its "unset" has no value form (netdns).
 * Ignores go.mod `godebug` lines and `//go:debug` (see {@link defaultGodebug}).
 */
export function godebugDefault(name: string, goVersion: string, goLine?: string): string | undefined {
  const s = godebugSetting(name);
  if (!s || !godebugExistsIn(name, goVersion)) return undefined;
  const tm = minorNumber(goVersion);
  if (tm === undefined) return undefined;
  const ch = s.inTable ? changedIn(name, tm) : undefined;
  if (ch !== undefined && s.changed) {
    if (tm < ch) return s.changed.old;
    const lm = goLine === undefined ? tm : minorNumber(goLine);
    // go lines before 1.21 count numerically (go-facts §2.3: a `go 1.18` module gets netedns0=0).
    if (lm !== undefined && lm < ch && tm >= 21) return s.changed.old;
  }
  const c = curatedByName.get(name);
  if (c?.defaults) {
    let val: string | undefined;
    for (const d of c.defaults) if (compareGoVersions(asRelease(goVersion), asRelease(d.since)) >= 0) val = d.value;
    if (val !== undefined) return val;
  }
  const gen = GENERATED_TOOLCHAINS.find((t) => minorNumber(t.version) === tm);
  const dv = gen?.dbgvars.find((d) => d.name === name);
  if (dv && /^-?\d+$/.test(dv.default)) return dv.default;
  return s.defaultValue;
}

/** A retired GODEBUG (internal/godebugs.Removed): the minor it was removed in and the values that Go ≥ 1.27 rejects. */
export function retiredGodebug(name: string): { removedIn: string; oldValues: string[] } | undefined {
  const r = removedByName.get(name);
  return r ? { removedIn: `1.${r.removed}`, oldValues: [...r.oldValues] } : undefined;
}

/** Whether `value` is in the setting's domain (after stripping a `#pattern` suffix). Unknown names: false. */
export function godebugValueValid(name: string, value: string): boolean {
  const s = godebugSetting(name);
  if (!s) return false;
  return valueInDomain(s.domain, godebugValueOnly(value), s.runtime);
}

function valueInDomain(d: ValueDomain, v: string, runtime: boolean): boolean {
  switch (d.kind) {
    case 'bool':
      return v === '0' || v === '1';
    case 'int': {
      if (!/^[+-]?\d+$/.test(v)) return false;
      const n = Number(v);
      if (runtime && (n < -2147483648 || n > 2147483647)) return false;
      if (d.min !== undefined && n < d.min) return false;
      return true;
    }
    case 'enum':
      if (d.debugLevel) return /^(?:(?:go|cgo)(?:\+\d+)?|\d+)$/.test(v);
      return d.values.includes(v);
    case 'string':
      return true;
  }
}

// ---- Production hazards (go-facts §1.5 cost column, §1.6 classification lists) ----

type HazardRule = (n: number | undefined, v: string, goVersion: string) => Hazard | undefined;

const positive = (h: Hazard): HazardRule => (n) => (n !== undefined && n > 0 ? h : undefined);
const equals = (want: string, h: Hazard): HazardRule => (_n, v) => (v === want ? h : undefined);

const HAZARDS: Record<string, HazardRule> = {
  gctrace: positive({ cost: 'low', kind: 'diagnostics', reason: 'gctrace prints a line to stderr after every garbage collection, which floods production logs' }),
  gcpacertrace: positive({ cost: 'low', kind: 'diagnostics', reason: 'gcpacertrace prints the pacer state every GC cycle to stderr' }),
  scavtrace: positive({ cost: 'low', kind: 'diagnostics', reason: 'scavtrace prints a scavenger line to stderr every GC cycle' }),
  schedtrace: positive({ cost: 'low', kind: 'diagnostics', reason: 'schedtrace prints a scheduler summary to stderr periodically' }),
  scheddetail: positive({ cost: 'medium', kind: 'diagnostics', reason: 'scheddetail dumps every P, M and goroutine each schedtrace period, which is heavy stderr output' }),
  inittrace: positive({ cost: 'low', kind: 'diagnostics', reason: 'inittrace prints a line per package initialisation and switches the allocator to its debug path while on' }),
  allocfreetrace: positive({ cost: 'high', kind: 'cost', reason: 'allocfreetrace prints a stack trace on every allocation and free, slowing the program by orders of magnitude' }),
  traceallocfree: positive({ cost: 'high', kind: 'cost', reason: 'traceallocfree records every allocation and free in execution traces, which is very costly while tracing' }),
  efence: positive({ cost: 'high', kind: 'cost', reason: 'efence puts every object on its own page and never reuses addresses, multiplying memory use' }),
  clobberfree: positive({ cost: 'medium', kind: 'cost', reason: 'clobberfree makes the collector overwrite every freed object' }),
  gccheckmark: positive({ cost: 'high', kind: 'cost', reason: 'gccheckmark adds a second stop-the-world mark pass to every collection and turns off async preemption' }),
  gcstoptheworld: positive({ cost: 'high', kind: 'cost', reason: 'gcstoptheworld makes every garbage collection stop the world, causing long latency pauses' }),
  gcshrinkstackoff: positive({ cost: 'medium', kind: 'cost', reason: 'gcshrinkstackoff keeps goroutine stacks at their peak size forever' }),
  sbrk: positive({ cost: 'high', kind: 'cost', reason: 'sbrk replaces the allocator with one that never collects garbage, so memory grows until the process is killed' }),
  checkfinalizers: positive({ cost: 'high', kind: 'crash', reason: 'checkfinalizers adds stop-the-world collections and terminates the program when it finds a finalizer mistake' }),
  tracebackancestors: positive({ cost: 'medium', kind: 'cost', reason: 'tracebackancestors records the creation stack of every goroutine' }),
  tracefpunwindoff: positive({ cost: 'medium', kind: 'cost', reason: 'tracefpunwindoff makes the tracer and the block and mutex profilers use the slow unwinder' }),
  harddecommit: positive({ cost: 'medium', kind: 'cost', reason: 'harddecommit adds an mprotect call to all memory returned to the OS' }),
  asyncpreemptoff: positive({ cost: 'medium', kind: 'cost', reason: 'asyncpreemptoff lets tight loops delay garbage collection and scheduling, raising latency' }),
  gocacheverify: positive({ cost: 'medium', kind: 'cost', reason: 'gocacheverify bypasses the build cache and rebuilds everything to verify it, making builds very slow' }),
  gocachehash: positive({ cost: 'low', kind: 'diagnostics', reason: 'gocachehash prints the inputs of every build-cache key' }),
  gocachetest: positive({ cost: 'low', kind: 'diagnostics', reason: 'gocachetest prints every test-cache decision' }),
  dontfreezetheworld: positive({ cost: 'low', kind: 'diagnostics', reason: 'dontfreezetheworld lets other goroutines keep running during a fatal panic, so crash output is less reliable' }),
  http2debug: (n) => (n !== undefined && n >= 1 ? { cost: 'medium', kind: 'diagnostics', reason: n >= 2 ? 'http2debug=2 logs every HTTP/2 frame, including headers, to stderr' : 'http2debug=1 writes verbose HTTP/2 logs to stderr' } : undefined),
  madvdontneed: equals('0', { cost: 'medium', kind: 'cost', reason: 'madvdontneed=0 returns memory with MADV_FREE, so RSS-based OOM killers and monitoring see memory that is already free' }),
  profstackdepth: (n) => (n !== undefined && n > 128 ? { cost: n >= 512 ? 'medium' : 'low', kind: 'cost', reason: `profstackdepth=${n} records up to ${Math.min(n, 1024)} frames per profiled event instead of 128, adding profiling overhead` } : undefined),
  memprofilerate: (n) => {
    if (n === undefined) return undefined;
    if (n === 0) return { cost: 'low', kind: 'diagnostics', reason: 'memprofilerate=0 turns heap profiling off, so heap profiles are empty' };
    if (n === 1) return { cost: 'high', kind: 'cost', reason: 'memprofilerate=1 records a stack trace for every allocation' };
    if (n > 0 && n < 65536) return { cost: 'medium', kind: 'cost', reason: `memprofilerate=${n} samples allocations far more often than the default 524288 bytes` };
    return undefined;
  },
  cgocheck: (n, _v, goVersion) => {
    if (n === 0) return { cost: 'medium', kind: 'semantics', reason: 'cgocheck=0 turns off the checks that catch invalid Go pointers passed to C' };
    if (n !== undefined && n >= 2) {
      const m = minorNumber(goVersion) ?? 99;
      if (m >= 21) return { cost: 'high', kind: 'crash', reason: 'cgocheck=2 makes Go 1.21 and later throw at start-up; use GOEXPERIMENT=cgocheck2 at build time instead' };
      return { cost: 'high', kind: 'cost', reason: 'cgocheck=2 checks every pointer write, which is very expensive' };
    }
    return undefined;
  },
  invalidptr: equals('0', { cost: 'medium', kind: 'semantics', reason: 'invalidptr=0 stops the runtime from crashing on invalid pointers, hiding memory corruption' }),
  // Security weakening (go-facts §1.6).
  tls10server: equals('1', { cost: 'high', kind: 'security', reason: 'tls10server=1 lets servers negotiate the obsolete TLS 1.0 and 1.1 by default' }),
  tlsrsakex: equals('1', { cost: 'high', kind: 'security', reason: 'tlsrsakex=1 re-enables RSA key-exchange cipher suites, which lack forward secrecy' }),
  tls3des: equals('1', { cost: 'high', kind: 'security', reason: 'tls3des=1 re-enables the weak 3DES cipher suites' }),
  tlsunsafeekm: equals('1', { cost: 'medium', kind: 'security', reason: 'tlsunsafeekm=1 allows ExportKeyingMaterial on connections without Extended Master Secret' }),
  tlssha1: equals('1', { cost: 'high', kind: 'security', reason: 'tlssha1=1 accepts SHA-1 signatures in TLS 1.2 handshakes' }),
  tlskyber: equals('0', { cost: 'low', kind: 'security', reason: 'tlskyber=0 removes the post-quantum key exchange from TLS handshakes' }),
  tlsmlkem: equals('0', { cost: 'low', kind: 'security', reason: 'tlsmlkem=0 removes the post-quantum X25519MLKEM768 key exchange' }),
  tlssecpmlkem: equals('0', { cost: 'low', kind: 'security', reason: 'tlssecpmlkem=0 removes the post-quantum SecP256r1MLKEM768 and SecP384r1MLKEM1024 key exchanges' }),
  x509sha1: equals('1', { cost: 'high', kind: 'security', reason: 'x509sha1=1 accepts certificates signed with the broken SHA-1 algorithm' }),
  x509negativeserial: equals('1', { cost: 'low', kind: 'security', reason: 'x509negativeserial=1 accepts certificates with negative serial numbers' }),
  x509rsacrt: equals('0', { cost: 'low', kind: 'security', reason: 'x509rsacrt=0 stops validating the CRT values of PKCS#1 private keys' }),
  rsa1024min: equals('0', { cost: 'high', kind: 'security', reason: 'rsa1024min=0 accepts RSA keys smaller than 1024 bits' }),
  x509keypairleaf: equals('0', { cost: 'low', kind: 'security', reason: 'x509keypairleaf=0 leaves Certificate.Leaf nil, so code that inspects the leaf silently skips it' }),
  tlsmaxrsasize: (n) => (n !== undefined && n > 8192 ? { cost: 'medium', kind: 'security', reason: `tlsmaxrsasize=${n} accepts RSA keys larger than 8192 bits, which makes handshakes a denial-of-service vector` } : undefined),
  multipartmaxheaders: (n) => (n !== undefined && n > 10000 ? { cost: 'medium', kind: 'security', reason: `multipartmaxheaders=${n} raises the multipart header limit above 10000, easing denial-of-service attacks` } : undefined),
  multipartmaxparts: (n) => (n !== undefined && n > 1000 ? { cost: 'medium', kind: 'security', reason: `multipartmaxparts=${n} raises the multipart part limit above 1000, easing denial-of-service attacks` } : undefined),
  httpcookiemaxnum: (n) => (n === 0 ? { cost: 'medium', kind: 'security', reason: 'httpcookiemaxnum=0 removes the limit on cookies parsed per request, easing denial-of-service attacks' } : n !== undefined && n > 3000 ? { cost: 'low', kind: 'security', reason: `httpcookiemaxnum=${n} raises the cookie limit above 3000` } : undefined),
  urlmaxqueryparams: (n) => (n === 0 ? { cost: 'medium', kind: 'security', reason: 'urlmaxqueryparams=0 removes the limit on parsed query parameters, easing denial-of-service attacks' } : n !== undefined && n > 10000 ? { cost: 'low', kind: 'security', reason: `urlmaxqueryparams=${n} raises the query-parameter limit above 10000` } : undefined),
  httpservecontentmaxranges: (n) => (n === 0 ? { cost: 'medium', kind: 'security', reason: 'httpservecontentmaxranges=0 removes the limit on ranges served per request, easing denial-of-service attacks' } : undefined),
  tarinsecurepath: (_n, v) => (v !== '0' ? { cost: 'low', kind: 'security', reason: `tarinsecurepath=${v} lets archive/tar return unsafe names such as ../x; only 0 rejects them` } : undefined),
  zipinsecurepath: (_n, v) => (v !== '0' ? { cost: 'low', kind: 'security', reason: `zipinsecurepath=${v} lets archive/zip return unsafe names such as ../x; only 0 rejects them` } : undefined),
  jstmpllitinterp: (_n, v, goVersion) => (v === '1' && (minorNumber(goVersion) ?? 99) <= 22 ? { cost: 'high', kind: 'security', reason: 'jstmpllitinterp=1 allows template actions inside JavaScript template literals, an XSS risk' } : undefined),
  htmlmetacontenturlescape: equals('0', { cost: 'high', kind: 'security', reason: 'htmlmetacontenturlescape=0 stops html/template from escaping URLs in meta refresh tags, an XSS risk' }),
  allowmultiplevcs: equals('1', { cost: 'low', kind: 'security', reason: 'allowmultiplevcs=1 lets the go command stamp VCS information from a tree with several version-control systems' }),
  execerrdot: equals('0', { cost: 'high', kind: 'security', reason: 'execerrdot=0 lets exec.LookPath run programs found in the current directory' }),
  cryptocustomrand: equals('1', { cost: 'low', kind: 'security', reason: 'cryptocustomrand=1 makes crypto APIs use a caller-supplied random source, which may be weak' }),
  // crypto/x509/root.go: with 1 the roots a program registers with SetFallbackRoots (e.g. by
  // importing golang.org/x/crypto/x509roots/fallback) replace the system roots; "Setting
  // x509usefallbackroots=1 without calling SetFallbackRoots has no effect". A deliberate trust
  // choice (scratch images, reproducible trust), not weakened crypto: a note, not an error.
  x509usefallbackroots: equals('1', { cost: 'low', kind: 'semantics', reason: 'x509usefallbackroots=1 makes TLS trust only the roots the program bundles with x509.SetFallbackRoots, never the host\'s (private CAs installed there are ignored, and the bundle ages with the binary); without SetFallbackRoots it does nothing' }),
  fips140ems: equals('0', { cost: 'medium', kind: 'security', reason: 'fips140ems=0 stops enforcing Extended Master Secret in FIPS 140-3 mode' }),
};

/**
 * Why GODEBUG `name=value` is a problem in production, or undefined. `goVersion` is the
 * toolchain that built the binary (default: the newest known). Retired settings set to an old
 * value are a start-up crash on Go ≥ 1.27. A `#pattern` suffix is ignored.
 */
export function godebugProductionHazard(name: string, value: string, goVersion: string = NEWEST_GO_VERSION): Hazard | undefined {
  const v = godebugValueOnly(value);
  const retired = retiredGodebug(name);
  const m = minorNumber(goVersion) ?? 99;
  if (retired && m >= 27 && retired.oldValues.includes(v)) {
    return { cost: 'high', kind: 'crash', reason: `${name} was removed in Go ${retired.removedIn} and setting it to ${v} makes a Go 1.27+ program abort at start-up` };
  }
  if (name.startsWith('cpu.')) {
    return v === 'off' ? { cost: 'medium', kind: 'cost', reason: `${name}=off disables CPU instructions that speed up crypto, hashing and memory copies` } : undefined;
  }
  const rule = HAZARDS[name];
  if (!rule) return undefined;
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
  return rule(n, v, goVersion);
}

// ---- Default GODEBUG of a main package (go-facts §2.3; cmd/go/internal/load/godebug.go) ----

/** godebugForGoVersion from cmd/go: `1.N[.P]` → N, anything else (rc versions, `go1.22`) → undefined. */
function godebugMinor(v: string): number | undefined {
  let s = v;
  if ((s.match(/\./g) ?? []).length >= 2) s = s.split('.').slice(0, 2).join('.');
  if (!s.startsWith('1.')) return undefined;
  const rest = s.slice(2);
  return /^[+-]?\d+$/.test(rest) ? Number(rest) : undefined;
}

/** Whether the go command of `toolchain` accepts `//go:debug k=v` (modload.CheckGodebug). */
function directiveAccepted(k: string, v: string, toolchain: string): boolean {
  if (/[\s,]/.test(k) || /[\s,]/.test(v)) return false;
  if (k === 'default') return v.startsWith('go') && parseGoVersion(v.slice(2)) !== undefined && compareGoVersions(v.slice(2), toolchain.replace(/^go/, '')) <= 0;
  if (godebugInTable(k, toolchain)) return true;
  const retired = retiredGodebug(k);
  const tm = minorNumber(toolchain) ?? 0;
  // A removed setting is accepted at a new value, rejected at an old one (Go 1.27's Removed.Old).
  return retired !== undefined && tm >= (minorNumber(retired.removedIn) ?? 99) && !retired.oldValues.includes(v);
}

/** Options of {@link defaultGodebug}. */
export interface DefaultGodebugOptions {
  /** `GOFIPS140` at build time (Go 1.24+): anything but `off` adds `fips140=on` first. */
  gofips140?: string;
}

/**
 * The `DefaultGODEBUG` a toolchain compiles into a main package, as `go list -f
 * '{{.DefaultGODEBUG}}'` prints it: the table's old values for every setting changed after the
 * go line (or after `default=go1.X`), overridden by go.mod (or go.work) `godebug` lines, then by
 * the package's `//go:debug` directives; sorted by key and comma-joined. Empty for toolchains
 * before Go 1.21 (no DefaultGODEBUG).
 */
export function defaultGodebug(
  toolchain: string,
  goLine: string,
  godebugLines: Record<string, string>,
  goDebugDirectives: Record<string, string>,
  opts: DefaultGodebugOptions = {},
): string {
  const tm = minorNumber(toolchain);
  if (tm === undefined || tm < 21) return '';
  const m = new Map<string, string>();
  if (opts.gofips140 !== undefined && opts.gofips140 !== '' && opts.gofips140 !== 'off' && tm >= 24) m.set('fips140', 'on');
  for (const [k, v] of Object.entries(godebugLines)) m.set(k, v);
  // load.ParseGoDebug drops a //go:debug line that modload.CheckGodebug rejects (an unknown key,
  // a retired key at an old value): the build then fails, but go list prints DefaultGODEBUG
  // without it (observed: go1.25.0 with //go:debug httpcookiemaxnum=0, added in 1.25.2).
  for (const [k, v] of Object.entries(goDebugDirectives)) if (directiveAccepted(k, v, toolchain)) m.set(k, v);
  let goVersion = goLine.replace(/^go/, '');
  const def = m.get('default');
  if (def !== undefined) {
    m.delete('default');
    const dv = def.replace(/^go/, '');
    if (parseGoVersion(dv) && !dv.startsWith('go')) goVersion = dv;
  }
  const n = godebugMinor(goVersion);
  const result = new Map<string, string>();
  if (n !== undefined) {
    for (const e of godebugTableFor(toolchain)) {
      if (e.changed !== undefined && n < e.changed) result.set(e.name, e.old ?? '');
    }
  }
  for (const [k, v] of m) result.set(k, v);
  return [...result.keys()]
    .sort()
    .map((k) => `${k}=${result.get(k)}`)
    .join(',');
}

// ---- Suggestions ----

function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] ?? 0;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] ?? 0;
      d[j] = Math.min((d[j] ?? 0) + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] ?? 0;
}

/**
 * The known GODEBUG key an unknown one probably meant (`gcstop` → `gcstoptheworld`,
 * `madvdontneeed` → `madvdontneed`), or undefined. Known keys get undefined.
 */
export function suggestGodebugKey(name: string): string | undefined {
  if (godebugSetting(name)) return undefined;
  const lower = name.toLowerCase();
  if (godebugSetting(lower)) return lower;
  if (lower.startsWith('cpu.')) {
    const opt = lower.slice(4);
    let best: string | undefined;
    let bestD = Infinity;
    for (const o of CPU_OPTION_NAMES) {
      const dd = editDistance(opt, o);
      if (dd < bestD) [best, bestD] = [o, dd];
    }
    return best !== undefined && bestD <= 2 ? `cpu.${best}` : undefined;
  }
  const names = [...curatedByName.keys()];
  // Prefer a unique key that the typo is a prefix of (gcstop → gcstoptheworld).
  if (lower.length >= 4) {
    const pre = names.filter((k) => k.startsWith(lower));
    if (pre.length === 1) return pre[0];
  }
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of names) {
    const dd = editDistance(lower, k);
    if (dd < bestD || (dd === bestD && best !== undefined && k < best)) [best, bestD] = [k, dd];
  }
  const limit = lower.length <= 5 ? 1 : lower.length <= 9 ? 2 : 3;
  return best !== undefined && bestD <= limit ? best : undefined;
}
