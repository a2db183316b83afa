// Build-configuration variables that internal/buildcfg validates (GOAMD64, GOARM, GOARM64,
// GOMIPS, GOMIPS64, GOPPC64, GORISCV64, GOWASM, GOFIPS140): accepted values, defaults and what an
// invalid value does, per Go version. Generated from each toolchain's internal/buildcfg/cfg.go
// and zbootstrap.go (scripts/gen-knowledge); releases without a toolchain at hand fall back to
// the nearest older one plus the curated facts below.

import { GENERATED_TOOLCHAINS } from './generated/toolchains.js';
import type { GeneratedArchVar, GeneratedToolchain } from './types.js';
import { compareGoVersions, minorNumber } from './versions.js';

/**
 * The release whose buildcfg first assigns `Error` unconditionally while initialising
 * (`g, Error = ParseGoarm64(…)`, added with GOARM64 in Go 1.23 per its release notes): from then
 * on an invalid value of a variable initialised before GOARM64 (GOAMD64, GOARM) is silently
 * replaced by the default instead of stopping the go command. Observed: go1.19.8 exits 2 on
 * GOAMD64=v9 and GOARM=9; go1.26.8 and go1.27.3 build, and stamp the raw value into the build
 * info (`build GOAMD64=v5`).
 */
export const BUILDCFG_ERROR_RESET_SINCE = '1.23';

/** First releases of the variables younger than Go 1.19 (release notes of Go 1.23 and 1.24). */
const BUILDCFG_ADDED: Readonly<Record<string, string>> = { GOARM64: '1.23', GORISCV64: '1.23', GOFIPS140: '1.24' };

/** What Go `goVersion` does with a build-configuration variable, and which toolchain's source says so. */
export interface BuildcfgVariable extends GeneratedArchVar {
  /** The generated toolchain the data comes from (`go1.26.8`). */
  source: string;
  /** True when `source` is of the same release line as the version asked about. */
  exact: boolean;
}

function toolchainFor(minor: number): GeneratedToolchain | undefined {
  const sorted = [...GENERATED_TOOLCHAINS].sort((a, b) => compareGoVersions(a.version, b.version));
  const same = sorted.filter((t) => minorNumber(t.version) === minor).pop();
  if (same) return same;
  // Nearest older line; for releases older than every toolchain, the oldest (Go 1.18 ≈ 1.19 here).
  return sorted.filter((t) => (minorNumber(t.version) ?? 0) < minor).pop() ?? sorted[0];
}

/**
 * A build-configuration variable as Go `goVersion` (default: the newest generated toolchain)
 * reads it, or undefined when that release has no such variable (GOARM64 before 1.23).
 */
export function buildcfgVariable(name: string, goVersion?: string): BuildcfgVariable | undefined {
  const newest = GENERATED_TOOLCHAINS[GENERATED_TOOLCHAINS.length - 1];
  const minor = goVersion === undefined ? (newest ? minorNumber(newest.version) : undefined) : minorNumber(goVersion);
  if (minor === undefined) return undefined;
  const added = BUILDCFG_ADDED[name];
  if (added !== undefined && minor < (minorNumber(added) ?? 0)) return undefined;
  const tc = toolchainFor(minor);
  if (!tc) return undefined;
  const exact = minorNumber(tc.version) === minor;
  let entry = tc.archVars.find((a) => a.name === name);
  if (!entry) {
    // Younger than the toolchain used for this release: take the oldest toolchain that has it.
    const later = GENERATED_TOOLCHAINS.find((t) => t.archVars.some((a) => a.name === name));
    entry = later?.archVars.find((a) => a.name === name);
    if (!entry || !later) return undefined;
    return { ...entry, invalidFatal: fatalFor(name, minor, later), source: later.version, exact: false };
  }
  return { ...entry, invalidFatal: exact ? entry.invalidFatal : fatalFor(name, minor, tc), source: tc.version, exact };
}

/** Whether an invalid value stops the go command of release `minor`, from another release's data. */
function fatalFor(name: string, minor: number, from: GeneratedToolchain): boolean {
  if (minor < (minorNumber(BUILDCFG_ERROR_RESET_SINCE) ?? 0)) return true;
  // Erased in every generated toolchain that has the reset: GOAMD64 and GOARM.
  const withReset = GENERATED_TOOLCHAINS.filter((t) => compareGoVersions(t.version, BUILDCFG_ERROR_RESET_SINCE) >= 0);
  const ref = withReset[withReset.length - 1] ?? from;
  return ref.archVars.find((a) => a.name === name)?.invalidFatal ?? true;
}

/** Whether `value` is one the variable accepts (values with optional suffixes; GOFIPS140 also v1.Y.Z). */
export function buildcfgValueValid(v: GeneratedArchVar, value: string): boolean {
  let rest = value;
  if (v.name === 'GOWASM') return value.split(',').every((o) => o === '' || v.values.includes(o));
  if (v.name === 'GOFIPS140' && /^v1\.\d+\.\d+(?:-[0-9a-z]+)?$/.test(value)) return true;
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of v.suffixes) {
      if (rest.endsWith(s)) {
        rest = rest.slice(0, -s.length);
        changed = true;
      }
    }
  }
  return v.values.includes(rest);
}
