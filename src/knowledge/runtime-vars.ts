// Parsing rules of the scalar runtime variables, as the runtime implements them
// (go1.26.8 src/runtime: runtime1.go setTraceback, mgcpacer.go readGOGC/readGOMEMLIMIT,
// string.go parseByteCount, proc.go schedinit) and go-facts.md §4, §9.

import { GENERATED_TOOLCHAINS } from './generated/toolchains.js';
import { compareGoVersions, minorNumber } from './versions.js';

/** GOTRACEBACK level names (runtime1.go setTraceback). */
export type TracebackLevel = 'none' | 'single' | 'all' | 'system' | 'crash' | 'wer' | 'numeric';

/**
 * The GOTRACEBACK names runtime.setTraceback of `goVersion` knows (`""` = unset), from the
 * toolchain of that release line read by scripts/gen-knowledge, else the nearest older one.
 * `wer` came with Go 1.21 (go1.20's setTraceback has no such case).
 */
export function tracebackLevelNames(goVersion: string): readonly string[] {
  const m = minorNumber(goVersion) ?? 0;
  const sorted = [...GENERATED_TOOLCHAINS].sort((a, b) => compareGoVersions(a.version, b.version));
  const tc = sorted.filter((t) => minorNumber(t.version) === m).pop() ?? sorted.filter((t) => (minorNumber(t.version) ?? 0) < m).pop() ?? sorted[0];
  return tc?.tracebackLevels ?? ['none', 'single', '', 'all', 'system', 'crash', 'wer'];
}

/** The first release line whose setTraceback knows the name (`wer` → `1.21`), or undefined. */
export function tracebackLevelSince(name: string): string | undefined {
  const sorted = [...GENERATED_TOOLCHAINS].sort((a, b) => compareGoVersions(a.version, b.version));
  const first = sorted.find((t) => t.tracebackLevels.includes(name));
  if (!first) return undefined;
  return first === sorted[0] ? '1.18' : `1.${minorNumber(first.version)}`;
}

/**
 * How the runtime reads a GOTRACEBACK value on `goos` (default linux) in Go `goVersion`
 * (default: the newest known). Unrecognised strings — `wer` off Windows, and before Go 1.21
 * everywhere — are invalid and set level 0: no stack traces at all (go-facts §4).
 * Digits set that level with the "all" bit (`0` prints nothing, `1` like all, `2` like system).
 */
export function tracebackLevel(value: string, goos = 'linux', goVersion?: string): { valid: boolean; level: TracebackLevel; printsStacks: boolean } {
  if (goVersion !== undefined && !/^[+-]?\d+$/.test(value) && !tracebackLevelNames(goVersion).includes(value)) return { valid: false, level: 'none', printsStacks: false };
  switch (value) {
    case 'none':
      return { valid: true, level: 'none', printsStacks: false };
    case '':
    case 'single':
      return { valid: true, level: 'single', printsStacks: true };
    case 'all':
      return { valid: true, level: 'all', printsStacks: true };
    case 'system':
      return { valid: true, level: 'system', printsStacks: true };
    case 'crash':
      return { valid: true, level: 'crash', printsStacks: true };
    case 'wer':
      if (goos === 'windows') return { valid: true, level: 'wer', printsStacks: true };
      return { valid: false, level: 'none', printsStacks: false };
  }
  // strconv.Atoi with n == int(uint32(n)): optional sign, decimal digits, 0 ≤ n < 2^32.
  if (/^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    if (n >= 0 && n <= 0xffffffff) return { valid: true, level: 'numeric', printsStacks: n >= 1 };
  }
  return { valid: false, level: 'none', printsStacks: false };
}

/** The named GOTRACEBACK levels outside Windows, lowest first (runtime/extern.go). */
export const GOTRACEBACK_LEVEL_NAMES: readonly TracebackLevel[] = ['none', 'single', 'all', 'system', 'crash'];

/** GOTRACEBACK when unset or empty (runtime1.go setTraceback: `case "single", ""`). */
export const GOTRACEBACK_DEFAULT: TracebackLevel = 'single';

/** What a crash prints at each level (runtime/extern.go), for messages. */
export const GOTRACEBACK_PRINTS: Readonly<Record<TracebackLevel, string>> = {
  none: 'only the panic message, no goroutine stacks',
  single: 'the stack of the failing goroutine',
  all: 'the stacks of every user goroutine',
  system: 'the stacks of every goroutine, runtime frames included',
  crash: 'the stacks of every goroutine, then aborts for a core dump',
  wer: 'the stacks of every goroutine, then aborts through Windows Error Reporting',
  numeric: 'the stacks of that level',
};

/**
 * The level name a GOTRACEBACK value stands for: digits 0, 1 and 2 are none, all and system
 * (runtime/extern.go: "GOTRACEBACK=0 … =1 … =2"), other digits stay as written, names as
 * tracebackLevel reads them (empty = single).
 */
export function tracebackCanonical(value: string, goos = 'linux'): string {
  const v = value.trim();
  const level = tracebackLevel(v, goos);
  if (level.level !== 'numeric') return level.level;
  const n = Number(v);
  return n === 0 ? 'none' : n === 1 ? 'all' : n === 2 ? 'system' : String(n);
}

/** GOGC when unset, and what any value readGOGC does not accept means (mgcpacer.go). */
export const GOGC_DEFAULT = 100;

const INT64_MAX = 9223372036854775807n;

/** strconv.ParseInt(s, 10, 64) for non-negative results; undefined on error or negative. */
function parseNonNegInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n < 0n || n > INT64_MAX) return undefined;
  return n;
}

/**
 * GOMEMLIMIT as runtime.readGOMEMLIMIT reads it: `off` or empty = no limit (bytes null); else a
 * byte count with optional `B`, `KiB`, `MiB`, `GiB` or `TiB` suffix (no decimal prefixes, no
 * fractions, no spaces). A malformed value makes the program throw at start-up.
 */
export function parseMemLimit(value: string): { ok: true; bytes: number | null } | { ok: false; reason: string } {
  if (value === '' || value === 'off') return { ok: true, bytes: null };
  const bad = (reason: string) => ({ ok: false as const, reason });
  const last = value[value.length - 1] ?? '';
  let n: bigint | undefined;
  if (last >= '0' && last <= '9') {
    n = parseNonNegInt64(value);
    if (n === undefined) return bad(`"${value}" is not a non-negative 64-bit integer`);
    return { ok: true, bytes: Number(n) };
  }
  if (last !== 'B' || value.length < 2) return bad(`"${value}" must end in a digit, B, KiB, MiB, GiB or TiB`);
  const c = value[value.length - 2] ?? '';
  if (c >= '0' && c <= '9') {
    n = parseNonNegInt64(value.slice(0, -1));
    if (n === undefined) return bad(`"${value}" is not a non-negative 64-bit byte count`);
    return { ok: true, bytes: Number(n) };
  }
  if (c !== 'i') return bad(`"${value}" has an unknown unit; use B, KiB, MiB, GiB or TiB (binary units only)`);
  if (value.length < 4) return bad(`"${value}" has no digits before its unit`);
  const power = { K: 1n, M: 2n, G: 3n, T: 4n }[value[value.length - 3] ?? ''];
  if (power === undefined) return bad(`"${value}" has an unknown unit; use KiB, MiB, GiB or TiB`);
  n = parseNonNegInt64(value.slice(0, -3));
  if (n === undefined) return bad(`"${value}" must be a whole non-negative number followed by its unit`);
  const bytes = n * 1024n ** power;
  if (bytes > INT64_MAX) return bad(`"${value}" overflows a 64-bit byte count`);
  return { ok: true, bytes: Number(bytes) };
}

/**
 * GOGC as runtime.readGOGC reads it: `off` or a negative number disables the collector; any
 * int32 sets the percentage; anything else silently means 100 (`ok: false`, percent 100).
 */
export function parseGogc(value: string): { ok: boolean; off: boolean; percent?: number } {
  if (value === 'off') return { ok: true, off: true };
  if (/^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    if (n >= -2147483648 && n <= 2147483647) return n < 0 ? { ok: true, off: true } : { ok: true, off: false, percent: n };
  }
  if (value === '') return { ok: true, off: false, percent: GOGC_DEFAULT };
  return { ok: false, off: false, percent: GOGC_DEFAULT };
}

/**
 * GOMAXPROCS as runtime.schedinit reads it: a positive int32 sets it; anything else (0,
 * negative, garbage) is silently ignored and the default (CPU count, cgroup limit) applies.
 */
export function parseGomaxprocs(value: string): { ok: boolean; procs?: number } {
  if (/^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    if (n > 0 && n <= 2147483647) return { ok: true, procs: n };
  }
  return { ok: false };
}

const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * A Kubernetes resource quantity as a number: `512Mi` → 536870912 (bytes), `500m` → 0.5 (CPU),
 * `2` → 2, `1e3` → 1000, `1.5Gi`. Undefined when malformed. (`K` is accepted like `k`, which
 * Kubernetes itself rejects, because YAML writers use it and the intent is clear.)
 */
export function parseKubernetesQuantity(q: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|K|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  const suf = m[3] ?? '';
  const mult = BINARY_SUFFIX[suf] ?? DECIMAL_SUFFIX[suf];
  return mult === undefined ? undefined : base * mult;
}
