// Which Go toolchain the go command actually runs: cmd/go/internal/toolchain.Select (go1.26.8
// src/cmd/go/internal/toolchain/select.go; https://go.dev/doc/toolchain#select). Pure: callers
// pass what the repository says (the installed toolchain, GOTOOLCHAIN, go.mod's lines).

import { goErrorText } from './tooling.js';
import { compareGoVersions, parseGoVersion } from './versions.js';

/** The first Go release whose go command reads GOTOOLCHAIN and go.mod `toolchain` lines. */
export const GOTOOLCHAIN_SINCE = '1.21';

/** A parsed GOTOOLCHAIN value. */
export interface GotoolchainSetting {
  /** `local`, or the named minimum toolchain's version (`1.22.3` for `go1.22.3`). */
  min: 'local' | string;
  /** `auto`/`path`: go.mod may switch to a newer toolchain; `none`: the minimum is used as is. */
  mode: 'auto' | 'path' | 'none';
}

/**
 * Parses GOTOOLCHAIN like Select: `auto` and `path` (= `local+auto`, `local+path`), `local`,
 * `go1.X.Y`, `<name>+auto`, `<name>+path`. Undefined for what the go command rejects with
 * `go: invalid GOTOOLCHAIN "…"` (or an empty value, which leaves the local toolchain).
 */
export function parseGotoolchain(value: string): GotoolchainSetting | undefined {
  const v = value.trim();
  if (v === 'auto' || v === 'path') return { min: 'local', mode: v };
  const plus = v.indexOf('+');
  const name = plus < 0 ? v : v.slice(0, plus);
  const suffix = plus < 0 ? undefined : v.slice(plus + 1);
  if (suffix !== undefined && suffix !== 'auto' && suffix !== 'path') return undefined;
  const mode = suffix ?? 'none';
  if (name === 'local') return { min: 'local', mode };
  // gover.FromToolchain: the go prefix, no path separator, a custom suffix after a blank or
  // `-` cut off (`go1.22.3-custom`), then a valid version (gover.IsValid: `1.22`, `1.22.3`,
  // `1.22rc1`).
  if (!name.startsWith('go') || /[\\/]/.test(name)) return undefined;
  const version = name.slice(2).split(/[ \t-]/)[0] ?? '';
  if (!/^1\.\d+(?:\.\d+|(?:rc|beta)\d+)?$/.test(version) || !parseGoVersion(version)) return undefined;
  return { min: version, mode };
}

/**
 * Why a GOTOOLCHAIN value breaks every go command of Go 1.21+, or undefined when it works.
 * `error` is what the go command prints after `go: ` (cmd/go/internal/toolchain.Select), or for a
 * language version such as `go1.22` (no such release since Go 1.21, whose first release is
 * `go1.21.0`; golang/go#62278), the download that fails.
 */
export function gotoolchainProblem(value: string): { kind: 'invalid' | 'no-such-release'; error: string } | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (parseGotoolchain(v) === undefined) {
    const plus = v.indexOf('+');
    if (plus >= 0) {
      const suffix = v.slice(plus + 1);
      // Select checks the minimum first, then the suffix.
      if (v.slice(0, plus) !== 'local' && parseGotoolchain(v.slice(0, plus)) === undefined) return { kind: 'invalid', error: goErrorText('gotoolchainMinimum', v, v.slice(0, plus)) };
      if (suffix !== 'auto' && suffix !== 'path') return { kind: 'invalid', error: goErrorText('gotoolchainSuffix', v) };
    }
    return { kind: 'invalid', error: goErrorText('gotoolchainInvalid', v) };
  }
  const s = parseGotoolchain(v)!;
  if (s.min !== 'local') {
    const p = parseGoVersion(s.min)!;
    if (p.patch === undefined && !p.pre && compareGoVersions(s.min, GOTOOLCHAIN_SINCE) >= 0) {
      return { kind: 'no-such-release', error: `download go${s.min}: golang.org/toolchain@v0.0.1-go${s.min}.<goos>-<goarch>: … This module version is not available.` };
    }
  }
  return undefined;
}

/** What {@link selectGoToolchain} decides, with the reasons in words. */
export interface ToolchainSelection {
  version: string;
  /** Why, as short clauses (`GOTOOLCHAIN=local keeps the installed Go 1.22.5`). */
  because: string[];
  /** Which inputs decided it beyond the installed toolchain, in the order they applied. */
  decidedBy?: ('gotoolchain' | 'toolchain-line' | 'go-line')[];
}

/**
 * The toolchain the go command runs, given the installed one (`local`; undefined when unknown),
 * the GOTOOLCHAIN value, and go.mod's `toolchain` and `go` lines. Mirrors Select:
 *  - go commands before {@link GOTOOLCHAIN_SINCE} ignore GOTOOLCHAIN and toolchain lines;
 *  - the minimum is the installed toolchain, or GOTOOLCHAIN's named one;
 *  - with auto/path (the default `auto` from $GOROOT/go.env), a `toolchain` line newer than the
 *    minimum wins, then a `go` line newer than that (a language version `1.N` ≥ 1.21 means
 *    `go1.N.0`, golang/go#62278); `toolchain default` turns switching off.
 * Returns undefined when none of the inputs names a version.
 */
export function selectGoToolchain(input: { local?: string; gotoolchain?: string; toolchainLine?: string; goLine?: string }): ToolchainSelection | undefined {
  const because: string[] = [];
  const decidedBy: NonNullable<ToolchainSelection['decidedBy']> = [];
  const setting = input.gotoolchain === undefined || input.gotoolchain.trim() === '' ? undefined : parseGotoolchain(input.gotoolchain);
  const local = input.local;
  // An old go command, or an invalid GOTOOLCHAIN (the go command stops): nothing switches.
  if (local !== undefined && compareGoVersions(local, GOTOOLCHAIN_SINCE) < 0) {
    if (input.gotoolchain !== undefined) because.push(`Go ${local} predates GOTOOLCHAIN (Go ${GOTOOLCHAIN_SINCE}) and ignores it`);
    return { version: local, because };
  }
  let version = local;
  // A bare installed line (`golang:1.26`, setup-go `1.26`) is that line's newest release: a
  // toolchain line go1.26.3 does not switch it.
  const newest = (v: string): string => {
    const p = parseGoVersion(v);
    return p && p.patch === undefined && !p.pre && v === local ? `${p.major}.${p.minor}.9999` : v;
  };
  let mode: GotoolchainSetting['mode'] = 'auto';
  if (setting) {
    mode = setting.mode;
    if (setting.min !== 'local') {
      version = setting.min;
      because.push(`GOTOOLCHAIN=${input.gotoolchain!.trim()} runs Go ${setting.min}`);
      decidedBy.push('gotoolchain');
    } else if (local !== undefined && mode === 'none') {
      because.push(`GOTOOLCHAIN=${input.gotoolchain!.trim()} keeps the installed Go ${local}`);
      decidedBy.push('gotoolchain');
    }
  }
  const done = (): ToolchainSelection | undefined => (version === undefined ? undefined : { version, because, ...(decidedBy.length > 0 ? { decidedBy } : {}) });
  if (mode === 'none') return done();
  const tl = input.toolchainLine?.trim();
  if (tl === 'default') {
    because.push('toolchain default turns switching off');
    decidedBy.push('toolchain-line');
    return done();
  }
  const toolVersion = tl?.startsWith('go') ? tl.slice(2).split('-')[0] : undefined;
  if (toolVersion && parseGoVersion(toolVersion) && (version === undefined || compareGoVersions(toolVersion, newest(version)) > 0)) {
    if (version !== undefined) {
      because.push(`the toolchain line asks for the newer Go ${toolVersion}`);
      decidedBy.push('toolchain-line');
    }
    version = toolVersion;
  }
  const go = input.goLine?.trim();
  if (go && parseGoVersion(go) && (version === undefined || compareGoVersions(go, newest(version)) > 0)) {
    const p = parseGoVersion(go)!;
    const release = p.patch === undefined && !p.pre && compareGoVersions(go, GOTOOLCHAIN_SINCE) >= 0 ? `${go}.0` : go;
    if (version !== undefined) {
      because.push(`the go line needs at least Go ${release}`);
      decidedBy.push('go-line');
    }
    version = release;
  }
  return done();
}
