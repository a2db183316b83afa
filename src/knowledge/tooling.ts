// Facts about the go command and build-time variables that rules and `godrift explain` need:
// GOFLAGS parsing, GOAMD64 levels, which variables `go env -w` refuses, since when retired
// GODEBUG values are fatal, which GODEBUG settings came from security point releases, and what
// each GOEXPERIMENT does. Sources: go-facts.md §1.1, §1.2, §2.3, §3.3, §4, §5.1, §7, §9; the
// go1.26.8 source (cmd/go/internal/base/goflags.go, internal/buildcfg/cfg.go,
// runtime/asm_amd64.s) where cited.

import { godebugSetting, allGodebugNames } from './godebug.js';
import type { ValueDomain } from './types.js';
import { compareGoVersions, minorNumber, parseGoVersion, asRelease } from './versions.js';

// ---- Retired GODEBUG settings (go-facts §1.1, §1.2, commit f5eb66f695) ----

/**
 * First Go version whose programs abort at start-up when the environment sets a retired
 * (internal/godebugs.Removed) setting to an old value, and whose go command rejects the same
 * value in go.mod `godebug` lines and `//go:debug` (the Removed list got its Old predicates).
 */
export const GODEBUG_REMOVED_FATAL_SINCE = '1.27';

/**
 * The fatal error Go ≥ 1.27 prints, as a template with `{key}`, `{value}` and `{minor}` (the
 * release that removed it, `27`): runtime/proc.go of go1.27.3, observed with GODEBUG=tlsrsakex=1.
 */
export const GODEBUG_REMOVED_FATAL_MESSAGE = 'fatal error: removed GODEBUG "{key}" set to old value "{value}" in environment (https://go.dev/doc/godebug#go-1{minor})';

/** Whether Go `goVersion` rejects retired settings set to an old value (start-up crash, build error). */
export function removedGodebugFatalIn(goVersion: string): boolean {
  return compareGoVersions(asRelease(goVersion), asRelease(GODEBUG_REMOVED_FATAL_SINCE)) >= 0;
}

/**
 * GODEBUG security settings introduced by point releases (security fixes) yet tabled with a
 * `Changed` version: a main module whose go line is older than `Changed` silently gets the old,
 * weaker value (go-facts §2.3 "Surprise worth a rule"; docs/knowledge.md for
 * httpservecontentmaxranges). Derived from the data: category security, a point-release entry
 * in the availability list, and a Changed/Old pair.
 */
export function securityReleaseGodebugs(): string[] {
  return allGodebugNames().filter((name) => {
    const s = godebugSetting(name);
    if (!s?.changed || !s.inTable || !s.categories.includes('security')) return false;
    return s.availability.some((v) => parseGoVersion(v)?.patch !== undefined);
  });
}

// ---- GOFLAGS (cmd/go/internal/base/goflags.go InitGOFLAGS) ----

/**
 * Flag names known to some go command (`hasFlag(base.Go, name)`), go1.26.8: read from the
 * `Flag.*Var` registrations under cmd/go/internal and confirmed one by one with
 * `GOFLAGS=-<name>=1 go list -m` (no "unknown flag"). A word of GOFLAGS naming none of these
 * makes every go command except `go env` and `go bug` exit with
 * `go: parsing $GOFLAGS: unknown flag -<name>`.
 */
export const GO_COMMAND_FLAGS: readonly string[] = (
  'C a artifacts asan asmflags bench benchmem benchtime blockprofile blockprofilerate buildmode buildvcs c cache changed ' +
  'compat compiled compiler count cover covermode coverpkg coverprofile cpu cpuprofile d debug-actiongraph ' +
  'debug-runtime-trace debug-trace deps diff dropexclude dropgodebug dropignore dropreplace droprequire dropretract ' +
  'droptool dropuse e exclude exec export f failfast find fix fmt fullpath fuzz fuzzcache fuzzminimizetime fuzztime ' +
  'gccgoflags gcflags go godebug i ignore insecure installsuffix json ldflags linkshared list m memprofile ' +
  'memprofilerate mod modcache modcacherw modfile module msan mutexprofile mutexprofilefraction n o outputdir overlay ' +
  'p parallel pgo pkgdir print r race replace require retract retracted reuse run short shuffle skip t tags test ' +
  'testcache timeout tool toolchain toolexec trace trimpath u use v vendor versions vet vettool w work x'
).split(' ');

/** One word of GOFLAGS that breaks every go command. */
export interface GoflagsProblem {
  /** The word as split by cmd/internal/quoted (quotes removed); empty for `unterminated`. */
  word: string;
  /** `nonFlag`: does not look like -x, --x, -x=v; `unknownFlag`: no go command has it; `unterminated`: an unclosed quote. */
  kind: 'nonFlag' | 'unknownFlag' | 'unterminated';
  /** The error the go command prints. */
  goError: string;
}

/** Splits like cmd/internal/quoted.Split: blanks separate words; '…' and "…" quote (no escapes). */
function quotedSplit(s: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const blank = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (i < s.length) {
    while (i < s.length && blank(s[i]!)) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) return undefined;
      out.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !blank(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/** The words of a GOFLAGS value that make every go command fail, as InitGOFLAGS judges them. */
export function goflagsProblems(value: string): GoflagsProblem[] {
  const words = quotedSplit(value);
  if (words === undefined) {
    const q = value.includes('"') ? '"' : "'";
    return [{ word: '', kind: 'unterminated', goError: `go: parsing $GOFLAGS: unterminated ${q} string` }];
  }
  const out: GoflagsProblem[] = [];
  for (const f of words) {
    if (!f.startsWith('-') || f === '-' || f === '--' || f.startsWith('---') || f.startsWith('-=') || f.startsWith('--=')) {
      out.push({ word: f, kind: 'nonFlag', goError: `go: parsing $GOFLAGS: non-flag "${f}"` });
      continue;
    }
    let name = f.slice(1);
    if (name.startsWith('-')) name = name.slice(1);
    const eq = name.indexOf('=');
    if (eq >= 0) name = name.slice(0, eq);
    if (!GO_COMMAND_FLAGS.includes(name)) out.push({ word: f, kind: 'unknownFlag', goError: `go: parsing $GOFLAGS: unknown flag -${name}` });
  }
  return out;
}

// ---- GOAMD64 (internal/buildcfg/cfg.go goamd64, runtime/asm_amd64.s, go-facts §7, §9) ----

/** GOAMD64 levels, oldest first; the default is the first. */
export const GOAMD64_LEVELS: readonly string[] = ['v1', 'v2', 'v3', 'v4'];
export const GOAMD64_DEFAULT = 'v1';

/**
 * How the toolchain reads a GOAMD64 value. A level above v1 makes the binary check the CPU at
 * start-up and exit with `refusal` on older processors. Any other value is not a level:
 * buildcfg records an error and falls back to the default (go1.26.8 builds it anyway and
 * stamps the raw value into the build info).
 */
export function amd64Level(value: string): { valid: boolean; level: number; refusal?: string } {
  const i = GOAMD64_LEVELS.indexOf(value);
  if (i < 0) return { valid: false, level: 1 };
  const level = i + 1;
  return level > 1
    ? { valid: true, level, refusal: `This program can only be run on AMD64 processors with ${value} microarchitecture support.` }
    : { valid: true, level };
}

// ---- Error texts of the go command and the runtime, as the Go source writes them ----

/**
 * Texts that rule messages quote. `format` is the Go format string; `since` the first release
 * that prints it; `file` where it is (src/knowledge/toolchain.test.ts checks that every toolchain
 * at hand from `since` on still has it there).
 */
export const GO_ERROR_TEXTS = {
  /** internal/buildcfg.ParseGOEXPERIMENT; the go command prints it after `go: `. */
  goexperimentUnknown: { format: 'unknown GOEXPERIMENT %s', since: '1.18', file: 'internal/buildcfg/exp.go' },
  /** cmd/go, two //go:debug lines for one key in a main package. */
  godebugDirectiveRepeated: { format: 'repeated //go:debug for %v', since: '1.21', file: 'cmd/go/internal/work/exec.go' },
  /** cmd/go/internal/toolchain.Select (gotoolchainProblem formats these). */
  gotoolchainInvalid: { format: 'invalid GOTOOLCHAIN %q', since: '1.21', file: 'cmd/go/internal/toolchain/select.go' },
  gotoolchainSuffix: { format: 'invalid GOTOOLCHAIN %q: only version suffixes are +auto and +path', since: '1.21', file: 'cmd/go/internal/toolchain/select.go' },
  gotoolchainMinimum: { format: 'invalid GOTOOLCHAIN %q: invalid minimum toolchain %q', since: '1.21', file: 'cmd/go/internal/toolchain/select.go' },
  /** runtime.readGOMEMLIMIT: a throw at start-up (fatal error: …). */
  gomemlimitMalformed: { format: 'malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`', since: '1.19', file: 'runtime/mgcpacer.go' },
} as const;

/** A GO_ERROR_TEXTS format with its verbs filled in (`%q` quotes like Go for printable ASCII). */
export function goErrorText(id: keyof typeof GO_ERROR_TEXTS, ...args: string[]): string {
  let i = 0;
  return GO_ERROR_TEXTS[id].format.replace(/%[sqv]/g, (verb) => {
    const a = args[i++] ?? '';
    return verb === '%q' ? JSON.stringify(a) : a;
  });
}

// ---- GOMAXPROCS and container CPU limits (go-facts §1.2, §7, §9) ----

/**
 * The first Go whose default GOMAXPROCS follows the cgroup CPU limit: the release that added
 * the containermaxprocs/updatemaxprocs settings (1.25). An explicit GOMAXPROCS turns that off.
 */
export const GOMAXPROCS_CGROUP_AWARE_SINCE: string = godebugSetting('containermaxprocs')?.added ?? '1.25';

// ---- go env -w (go-facts §1.1, §5.1, §9) ----

export interface GoEnvWriteFact {
  /** First Go version that refuses `go env -w <NAME>=…` (undefined: accepted). */
  refusedSince?: string;
  /** What the go command prints when it refuses, by first release printing it (oldest first). */
  refusals?: readonly { since: string; text: string }[];
  /** Why a persistent setting is a problem even where it is accepted. */
  persistentEffect: string;
}

/** The oldest Go whose `go env -w` behaviour was checked (Debian's go1.19.8: GODEBUG refused with "go: unknown go command variable GODEBUG"). */
export const GO_ENV_WRITE_OLDEST_CHECKED = '1.19';

/** `go env -w` facts for the variables godrift judges there. */
export const GO_ENV_WRITE: Readonly<Record<string, GoEnvWriteFact>> = {
  // Refused in every version checked; the text changed in 1.23 (observed: go1.19.8, go1.20.1,
  // go1.21.0, go1.22.0 "unknown go command variable"; go1.23.0, go1.26.8 "can only be set …").
  GODEBUG: {
    refusedSince: '1.19',
    refusals: [
      { since: '1.19', text: 'go: unknown go command variable GODEBUG' },
      { since: '1.23', text: 'go: GODEBUG can only be set using the OS environment' },
    ],
    persistentEffect: 'a GODEBUG in the go env file comes only from hand-editing and is not a way to configure programs',
  },
  GOROOT: {
    refusedSince: '1.27',
    refusals: [{ since: '1.27', text: 'go: GOROOT cannot be modified' }],
    persistentEffect: 'a GOROOT in the go env file outlives toolchain upgrades; when it points at another release every compile fails with "compile: version … does not match go tool version …", and Go 1.27 can no longer remove it with go env -u',
  },
  GOTOOLCHAIN: {
    persistentEffect: 'GOTOOLCHAIN in the go env file pins or switches the toolchain of every later go command run by that user, not only this script',
  },
};

/** What Go `goVersion` prints when it refuses `go env -w NAME=…`, or undefined when it accepts it. */
export function goEnvWriteRefusal(name: string, goVersion: string): string | undefined {
  if (!goEnvWriteRefused(name, goVersion)) return undefined;
  let text: string | undefined;
  for (const r of GO_ENV_WRITE[name]?.refusals ?? []) if (compareGoVersions(asRelease(goVersion), asRelease(r.since)) >= 0) text = r.text;
  return text;
}

/** Whether Go `goVersion` refuses `go env -w NAME=…`. */
export function goEnvWriteRefused(name: string, goVersion: string): boolean {
  const since = GO_ENV_WRITE[name]?.refusedSince;
  return since !== undefined && compareGoVersions(asRelease(goVersion), asRelease(since)) >= 0;
}

// ---- GOEXPERIMENT meanings (go-facts §3.1, §3.3, §8h) ----

/** One line per experiment flag, lowercase start. */
export const EXPERIMENT_MEANINGS: Readonly<Record<string, string>> = {
  fieldtrack: 'records uses of struct fields tagged go:"track" through linker relocations (no layout change)',
  preemptibleloops: 'inserts preemption checks into loops',
  staticlockranking: 'checks the runtime lock ranking statically',
  boringcrypto: 'uses the BoringCrypto module for crypto (linux/amd64 and linux/arm64 with cgo)',
  unified: 'the unified IR compiler front end (default in 1.20, flag gone in 1.21)',
  regabiwrappers: 'register-based calling convention: ABI wrappers',
  regabiargs: 'register-based calling convention: arguments and results in registers',
  regabireflect: 'register ABI for reflect calls (1.18 only)',
  pacerredesign: 'the redesigned GC pacer (default in 1.18, flag gone in 1.19)',
  heapminimum512kib: 'lowers the minimum heap size to 512 KiB',
  coverageredesign: 'the redesigned code coverage (default 1.20–1.24)',
  arenas: 'exposes the experimental arena package',
  pagetrace: 'lets GODEBUG=pagetrace write a page-event trace (1.20–1.22)',
  cgocheck2: 'full cgo pointer checking compiled in (replaces GODEBUG=cgocheck=2); expensive',
  loopvar: 'per-iteration loop variables for every package, including ones whose go version is older than 1.22',
  cacheprog: 'lets GOCACHEPROG name an external build-cache program (supported without it from 1.24)',
  newinliner: 'the new inliner heuristics',
  rangefunc: 'range over functions (language feature since 1.23)',
  range: 'range over integers and functions preview (1.22 only)',
  allocheaders: 'allocation headers in the allocator (default in 1.22 only)',
  exectracer2: 'the new execution tracer (default in 1.22 only)',
  aliastypeparams: 'generic type aliases (default in 1.24, language since 1.26)',
  swissmap: 'Swiss-table maps (default in 1.24–1.25, the only map since 1.26)',
  spinbitmutex: 'the spin-bit runtime mutex (default in 1.24 where supported)',
  synchashtriemap: 'the hash-trie sync.Map (default in 1.24–1.25)',
  synctest: 'the testing/synctest package (generally available in 1.25)',
  dwarf5: 'DWARF 5 debug information (default except darwin, ios, aix)',
  jsonv2: 'encoding/json/v2 and the v2-backed encoding/json (on in the 1.27 baseline)',
  greenteagc: 'the Green Tea garbage collector (default from 1.26)',
  randomizedheapbase64: 'randomised heap base address on 64-bit platforms (default from 1.26)',
  runtimefreegc: 'lets the runtime free some memory without waiting for the collector',
  sizespecializedmalloc: 'size-specialised allocation paths (default from 1.27)',
  goroutineleakprofile: 'the goroutine leak profile (1.26 only; the feature stayed, the flag went)',
  simd: 'the amd64 SIMD package',
  runtimesecret: 'the runtime/secret package',
  mapsplitgroup: 'map groups laid out as all keys then all values',
  genericmethods: 'existed only during the Go 1.27 development cycle, in no release',
};

// ---- Scalar variables for `godrift explain` (go-facts §4, §5, §9) ----

export interface VariableFacts {
  /** What an unset variable means. */
  defaultText: string;
  /** Accepted values. */
  values: string;
  /** What Go does with a value it does not accept. */
  invalid: string;
  notes?: string[];
}

export const VARIABLE_FACTS: Readonly<Record<string, VariableFacts>> = {
  GOTRACEBACK: {
    defaultText: 'single: the panicking goroutine only, runtime frames hidden',
    values: 'none (0): no stacks; single; all (1): every user goroutine; system (2): all goroutines with runtime frames; crash: like system, then SIGABRT (core dump); wer: like crash with Windows Error Reporting (Windows only); digits N: level N with the all bit',
    invalid: 'any other string, and wer outside Windows, sets level 0: a crash prints only the panic message, no stacks',
    notes: ['not a GODEBUG: it cannot be set in go.mod or //go:debug; debug.SetTraceback can raise the level but never lower it', 'setuid binaries force none'],
  },
  GOGC: { defaultText: '100', values: 'off or a negative number disables the collector; an integer sets the heap-growth percentage', invalid: 'anything else silently means 100' },
  GOMEMLIMIT: {
    defaultText: 'no limit (math.MaxInt64); nothing reads the cgroup memory limit',
    values: 'off, or a byte count with an optional B, KiB, MiB, GiB or TiB suffix (binary units only, no fractions)',
    invalid: 'fatal at start-up: "malformed GOMEMLIMIT; see go doc runtime/debug.SetMemoryLimit"',
    notes: ['Go 1.19+'],
  },
  GOMAXPROCS: {
    defaultText: 'the CPU count (affinity); from Go 1.25 also the cgroup CPU limit, re-evaluated periodically, unless containermaxprocs=0/updatemaxprocs=0 or the go line is older than 1.25',
    values: 'a positive integer',
    invalid: '0, negative or non-numeric values are silently ignored (the default applies)',
    notes: ['an explicit GOMAXPROCS turns off the cgroup-aware default and its periodic updates'],
  },
  GOFLAGS: {
    defaultText: 'empty',
    values: 'space-separated -flag or -flag=value words (quoting allowed)',
    invalid: 'a word that is not a flag, or a flag no go command has, makes every go command except go env and go bug fail; flags a given subcommand lacks are ignored',
  },
  GOAMD64: {
    defaultText: 'v1',
    values: 'v1, v2, v3, v4 (build time only, recorded in the build info)',
    invalid: 'not a level: before Go 1.23 every go command stops (go: invalid GOAMD64: must be v1, v2, v3, v4); from 1.23 the toolchain silently builds for v1 and records the raw value (buildcfgVariable)',
    notes: ['v2 and above: the binary refuses to start on older CPUs ("This program can only be run on AMD64 processors with vN microarchitecture support.")'],
  },
  GOROOT: {
    defaultText: 'found from the go binary\'s location, else the root baked into it',
    values: 'a directory holding a Go toolchain',
    invalid: 'a GOROOT of another release than the go on PATH makes every compile fail: compile: version "…" does not match go tool version "…"',
    notes: ['runtime.GOROOT() is deprecated since Go 1.24', 'go env -w GOROOT is refused from Go 1.27'],
  },
  GOTOOLCHAIN: {
    defaultText: 'auto (from $GOROOT/go.env in upstream distributions)',
    values: 'local, auto, path, go1.X.Y, <name>+auto, <name>+path (Go 1.21+; older toolchains ignore it)',
    invalid: 'go: invalid GOTOOLCHAIN "…"',
    notes: [
      'GOTOOLCHAIN=local keeps the installed Go; go1.X.Y runs that release; auto and path (and <name>+auto, <name>+path) switch to a newer toolchain or go line in go.mod (cmd/go/internal/toolchain.Select)',
      'godrift judges every setting against the toolchain this selects (selectGoToolchain)',
    ],
  },
  GOEXPERIMENT: {
    defaultText: 'the toolchain baseline (per version and platform)',
    values: 'comma-separated experiment names; noX turns X off; none turns every experiment off, including default-on ones',
    invalid: 'an unknown or retired name makes the go command exit: go: unknown GOEXPERIMENT <name>',
  },
  GODEBUG: {
    defaultText: 'the toolchain defaults adjusted by the go.mod go line, godebug lines and //go:debug (DefaultGODEBUG)',
    values: 'comma-separated key=value pairs; the last duplicate wins; a #pattern suffix is for bisect',
    invalid: 'unknown keys are silently ignored; from Go 1.27 a retired key at an old value aborts the program',
  },
};

/** Minor versions from 1.18 to `newest`, as `1.N` strings (for per-version listings). */
export function goMinorsUpTo(newest: string): string[] {
  const m = minorNumber(newest) ?? 18;
  const out: string[] = [];
  for (let i = 18; i <= m; i++) out.push(`1.${i}`);
  return out;
}

// ---- GODEBUG value domains in words (messages, `godrift explain`) ----

/** A GODEBUG value domain in words: `0 or 1`, `one of "go", "cgo"`, … */
export function describeGodebugDomain(d: ValueDomain): string {
  switch (d.kind) {
    case 'bool':
      return '0 or 1';
    case 'int': {
      const range = d.max !== undefined ? `an integer from ${d.min ?? 0} to ${d.max}` : d.min !== undefined ? `an integer of at least ${d.min}` : 'an integer';
      return d.unit ? `${range} (${d.unit})` : range;
    }
    case 'enum': {
      const list = d.values.map((v) => `"${v}"`).join(', ');
      return d.debugLevel ? `${list}, optionally followed by +N, or digits alone (debug level)` : `one of ${list}`;
    }
    case 'string':
      return d.description;
  }
}
