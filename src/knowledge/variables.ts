// The environment variables godrift tracks. Rules and extractors ask this module; nobody keeps
// their own list. Sources: go-facts.md §1, §3, §4, §5, §9 (runtime/extern.go, cmd/go/alldocs.go).

/** How a variable's value is structured. */
export type VariableShape =
  /** comma-separated key=value pairs, one observation per key (GODEBUG). */
  | 'keyed'
  /** comma-separated names, one observation per name (GOEXPERIMENT). */
  | 'list'
  /** one value. */
  | 'scalar';

export interface TrackedVariable {
  name: string;
  shape: VariableShape;
  /** Read by the running program (run), or by the go command when building (build). */
  readBy: 'run' | 'build' | 'both';
  summary: string;
}

export const TRACKED_VARIABLES: readonly TrackedVariable[] = [
  { name: 'GODEBUG', shape: 'keyed', readBy: 'both', summary: 'runtime and standard-library compatibility and debug settings' },
  { name: 'GOTRACEBACK', shape: 'scalar', readBy: 'run', summary: 'how much a crash prints (default single)' },
  { name: 'GOROOT', shape: 'scalar', readBy: 'both', summary: 'location of the Go toolchain' },
  { name: 'GOEXPERIMENT', shape: 'list', readBy: 'build', summary: 'toolchain experiments compiled into the binary' },
  { name: 'GOGC', shape: 'scalar', readBy: 'run', summary: 'garbage-collector target percentage (default 100, off disables GC)' },
  { name: 'GOMEMLIMIT', shape: 'scalar', readBy: 'run', summary: 'soft memory limit for the Go runtime' },
  { name: 'GOMAXPROCS', shape: 'scalar', readBy: 'run', summary: 'number of OS threads running Go code at once' },
  { name: 'GOFLAGS', shape: 'scalar', readBy: 'build', summary: 'default flags for go commands' },
  { name: 'CGO_ENABLED', shape: 'scalar', readBy: 'build', summary: 'whether cgo is used when building' },
  { name: 'GOTOOLCHAIN', shape: 'scalar', readBy: 'build', summary: 'which Go toolchain the go command runs' },
  { name: 'GOAMD64', shape: 'scalar', readBy: 'build', summary: 'amd64 microarchitecture level the binary requires' },
  { name: 'GOARM', shape: 'scalar', readBy: 'build', summary: 'arm architecture level' },
  { name: 'GOARM64', shape: 'scalar', readBy: 'build', summary: 'arm64 architecture level' },
  { name: 'GO386', shape: 'scalar', readBy: 'build', summary: '386 floating-point mode' },
  { name: 'GOFIPS140', shape: 'scalar', readBy: 'build', summary: 'FIPS 140-3 Go Cryptographic Module version' },
  { name: 'GOOS', shape: 'scalar', readBy: 'build', summary: 'target operating system' },
  { name: 'GOARCH', shape: 'scalar', readBy: 'build', summary: 'target architecture' },
];

const byName = new Map(TRACKED_VARIABLES.map((v) => [v.name, v]));

/** The tracked variable of that exact name (environment variable names are case-sensitive). */
export function trackedVariable(name: string): TrackedVariable | undefined {
  return byName.get(name);
}

export function isTrackedVariable(name: string): boolean {
  return byName.has(name);
}

/** A regular expression source matching any tracked variable name as a word (for quick pre-filtering). */
export const TRACKED_NAME_PATTERN = `\\b(?:${TRACKED_VARIABLES.map((v) => v.name).join('|')})\\b`;
