// GOEXPERIMENT flags per release, go-facts.md §3.2 (read from internal/goexperiment/flags.go and
// internal/buildcfg/exp.go at each release tag). Columns for releases whose toolchain source is
// at hand (src/knowledge/generated/toolchains.ts) are replaced by the generated data.
// Cells: D = on by default, d = on by default on some platforms, o = exists but off, - = absent.

export const EXPERIMENT_COLUMNS = ['1.18', '1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27'] as const;

const MATRIX = `
fieldtrack            o o o o o o o o o o
preemptibleloops      o o o o o o o o o o
staticlockranking     o o o o o o o o o o
boringcrypto          - o o o o o o o o o
unified               o o D - - - - - - -
regabiwrappers        d d d d d d d d d d
regabiargs            d d d d d d d d d d
regabireflect         d - - - - - - - - -
pacerredesign         D - - - - - - - - -
heapminimum512kib     o o o o o o o o o o
coverageredesign      - - D D D D D - - -
arenas                - - o o o o o o o o
pagetrace             - - o o o - - - - -
cgocheck2             - - - o o o o o o o
loopvar               - - - o o o o o o o
cacheprog             - - - o o o o o - -
newinliner            - - - - o o o o o o
rangefunc             - - - - o o o o - -
range                 - - - - o - - - - -
allocheaders          - - - - D - - - - -
exectracer2           - - - - D - - - - -
aliastypeparams       - - - - - o D D - -
swissmap              - - - - - - D D - -
spinbitmutex          - - - - - - d - - -
synchashtriemap       - - - - - - D D - -
synctest              - - - - - - o o - -
dwarf5                - - - - - - - d d d
jsonv2                - - - - - - - o o D
greenteagc            - - - - - - - o D D
randomizedheapbase64  - - - - - - - - D D
runtimefreegc         - - - - - - - - o o
sizespecializedmalloc - - - - - - - - o D
goroutineleakprofile  - - - - - - - - o -
simd                  - - - - - - - - o o
runtimesecret         - - - - - - - - o o
mapsplitgroup         - - - - - - - - - o
`;

export type ExperimentCell = 'D' | 'd' | 'o' | '-';

/** name → one cell per {@link EXPERIMENT_COLUMNS} entry. */
export const CURATED_EXPERIMENTS: ReadonlyMap<string, readonly ExperimentCell[]> = new Map(
  MATRIX.trim()
    .split('\n')
    .map((line) => {
      const [name, ...cells] = line.trim().split(/\s+/);
      return [name ?? '', cells as ExperimentCell[]] as const;
    }),
);

/**
 * Platform conditions of the "d" cells (go-facts §3.2), as a predicate on GOOS/GOARCH per minor.
 * Register ABI: forced or default on for these GOARCH values, off elsewhere.
 */
export function curatedPlatformDefault(name: string, minor: number, goos: string, goarch: string): boolean {
  if (name === 'regabiwrappers' || name === 'regabiargs' || name === 'regabireflect') {
    let arches: string[];
    if (minor <= 18) arches = ['amd64', 'arm64', 'ppc64', 'ppc64le'];
    else if (minor === 19) arches = ['amd64', 'arm64', 'ppc64', 'ppc64le', 'riscv64'];
    else if (minor <= 21) arches = ['amd64', 'arm64', 'ppc64', 'ppc64le', 'riscv64'];
    else if (minor === 22) arches = ['amd64', 'arm64', 'ppc64', 'ppc64le', 'riscv64', 'loong64'];
    else if (minor <= 25) arches = ['amd64', 'arm64', 'loong64', 'ppc64', 'ppc64le', 'riscv64'];
    else arches = ['amd64', 'arm64', 'loong64', 'ppc64', 'ppc64le', 'riscv64', 's390x'];
    return arches.includes(goarch);
  }
  if (name === 'spinbitmutex') return ['386', 'amd64', 'arm', 'arm64', 'ppc64', 'ppc64le'].includes(goarch);
  if (name === 'dwarf5') return !['darwin', 'ios', 'aix'].includes(goos);
  return false;
}

/** Experiment names that existed only between releases (go-facts §3.3): never valid in a release. */
export const DEVELOPMENT_ONLY_EXPERIMENTS: readonly string[] = ['genericmethods'];
