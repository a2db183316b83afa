// Types of the Go knowledge base. Pure data shapes: no I/O.

/** What a GODEBUG setting is about (go-facts.md §1.2 "Kind" column, §1.5, §1.6). */
export type GodebugCategory = 'semantics' | 'security' | 'performance' | 'diagnostics' | 'go-command';

/** The values a GODEBUG setting accepts. */
export type ValueDomain =
  /** `0` or `1` (anything else is read as the default or ignored). */
  | { kind: 'bool' }
  /** A decimal integer (the runtime parses int32 with strconv.ParseInt). */
  | { kind: 'int'; min?: number; max?: number; unit?: string }
  /**
   * One of `values`. With `debugLevel` (netdns), `+N` may follow the value and digits alone
   * are accepted too (`go+1`, `cgo+2`, `1`).
   */
  | { kind: 'enum'; values: string[]; debugLevel?: boolean }
  /** Free text, e.g. a file path (`pagetrace`) or a version (`default=go1.21`). */
  | { kind: 'string'; description: string };

/** One GODEBUG setting, merged from the generated toolchain tables and curated history. */
export interface GodebugSetting {
  name: string;
  /** Go package that reads it (`runtime`, `net/http`, `internal/cpu`, `cmd/go`, …). */
  package: string;
  categories: GodebugCategory[];
  /** One line, lowercase start. */
  meaning: string;
  /** First Go version where it exists (`'1.21'`; for a setting first added by a point release, that release: `'1.21.12'`). Absent: before 1.18 or unknown. */
  added?: string;
  /** First Go minor version where it no longer exists (`'1.27'`). */
  removed?: string;
  /** Minor version whose default differs; modules with an older go line get `old` (internal/godebugs.Info.Changed/Old). */
  changed?: { version: string; old: string };
  /** No `/godebug/non-default-behavior/<name>:events` metric. */
  opaque: boolean;
  /** Cannot be changed after start (internal/godebugs.Info.Immutable). */
  immutable: boolean;
  /** Default of the newest Go version that has the setting, as a GODEBUG value (`'0'`, `'128'`, `'off'`); absent when "unset" has no value form (netdns). */
  defaultValue?: string;
  domain: ValueDomain;
  /** Read straight from the GODEBUG environment variable (http2debug, cpu.*): go.mod `godebug` lines and `//go:debug` have no effect. */
  readsEnvironmentOnly?: boolean;
  /** Retired in internal/godebugs.Removed: setting one of `oldValues` is fatal at start-up (env) or a build error (go.mod, //go:debug) with Go ≥ 1.27. */
  retired?: { version: string; oldValues: string[] };
  /** Every version where it exists, as first versions per release line (`['1.21.12', '1.22.5', '1.23']`: 1.21.12+, 1.22.5+, 1.23 and later). */
  availability: string[];
  /** In the internal/godebugs table (so go.mod `godebug` and `//go:debug` accept it) in the newest version that has it. */
  inTable: boolean;
  /** Also (or only) in the runtime's dbgvars table (integer values, parsed at start-up). */
  runtime: boolean;
  /** Registered as `godebug.New("#name")`: works but undocumented, no metric. */
  hidden?: boolean;
  /** Has an effect only on these GOOS/GOARCH values (e.g. `['windows']`). */
  platforms?: string[];
}

/** A production hazard of one GODEBUG value (go-facts.md §1.5, §1.6). */
export interface Hazard {
  cost: 'high' | 'medium' | 'low';
  kind: 'cost' | 'diagnostics' | 'security' | 'semantics' | 'crash';
  /** One sentence, lowercase start. */
  reason: string;
}

/** One GOEXPERIMENT flag of one Go version. */
export interface ExperimentInfo {
  name: string;
  /** On in the baseline for the platform asked about (linux/amd64 unless given). */
  defaultOn: boolean;
  /** The baseline depends on GOOS/GOARCH (register ABI, dwarf5, spinbitmutex). */
  platformDependent?: boolean;
  /** The platform forces it whatever GOEXPERIMENT says (`none` and `noX` included): register ABI on amd64, arm64, …; off where unsupported. */
  fixed?: 'on' | 'off';
}

// ---- Shapes of src/knowledge/generated/toolchains.ts (written by scripts/gen-knowledge) ----

/** One entry of internal/godebugs.All. */
export interface GeneratedGodebug {
  name: string;
  package: string;
  changed?: number;
  old?: string;
  opaque?: boolean;
  immutable?: boolean;
}

/** One entry of internal/godebugs.Removed; `oldValues` empty before Go 1.27 (no predicate then). */
export interface GeneratedRemoved {
  name: string;
  removed: number;
  oldValues: string[];
}

/** One entry of runtime.dbgvars with its start-up default (`cond`: the guarding condition or the named constant). */
export interface GeneratedDbgvar {
  name: string;
  atomic?: boolean;
  default: string;
  cond?: string;
}

export interface GeneratedToolchain {
  /** `go1.26.8` */
  version: string;
  /** Build time of the release from the `time` line of $GOROOT/VERSION (`2026-10-19T22:20:36Z`); absent for distribution builds. */
  released?: string;
  godebugs: GeneratedGodebug[];
  removed: GeneratedRemoved[];
  dbgvars: GeneratedDbgvar[];
  /** Fields of internal/goexperiment.Flags; `baseline` is the expression in the baseline literal (`true`, `regabiSupported`, …). */
  experiments: { name: string; baseline?: string }[];
  /** The GOARCH switch deciding regabiSupported/regabiAlwaysOn. */
  regabiSwitch: { goarch: string[]; sets: string[] }[];
  dwarf5Supported?: string;
  /** Experiments ParseGOEXPERIMENT forces on where the register ABI is always on. */
  forcedOnIfRegabiAlwaysOn: string[];
  /** Experiments ParseGOEXPERIMENT forces off where the register ABI is unsupported. */
  forcedOffIfRegabiUnsupported: string[];
  cpuOptions: { name: string; arch: string }[];
  /**
   * GODEBUG keys read outside the runtime: `godebug.New("name")` (`#name`: `hidden`),
   * `godebug.Get("name")` (Go ≤ 1.20) and `name=` literals compared with os.Getenv("GODEBUG").
   * For toolchains without internal/godebugs (Go ≤ 1.20) the only record of their settings.
   */
  reads: GeneratedGodebugRead[];
  /** Build-configuration variables validated by internal/buildcfg (GOAMD64, GOARM, GOARM64, GOFIPS140, …). */
  archVars: GeneratedArchVar[];
  /** Flag names InitGOFLAGS accepts in GOFLAGS, as the toolchain's own go command answered. */
  goFlags: string[];
  /** Case labels of runtime.setTraceback: the GOTRACEBACK names (`""` = unset). */
  tracebackLevels: string[];
}

/** One variable of internal/buildcfg's `var (…)` block (scripts/gen-knowledge: ArchVar). */
export interface GeneratedArchVar {
  name: string;
  /** Case labels of its parser (GOFIPS140 also takes v1.Y.Z versions). */
  values: string[];
  /** The toolchain's Default<NAME> (empty when unset, e.g. GOWASM). */
  default: string;
  /** The error text, as the go command prints it after `go: `. */
  invalid: string;
  /** Whether that error survives to buildcfg.Check (every go command then exits 2). */
  invalidFatal: boolean;
  /** Optional suffixes (`,softfloat`, `,lse`). */
  suffixes: string[];
}

/** One GODEBUG key read by library or go-command code of a toolchain. */
export interface GeneratedGodebugRead {
  name: string;
  packages: string[];
  hidden?: boolean;
}
