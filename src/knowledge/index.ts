// The Go knowledge base: generated tables (src/knowledge/generated, written by
// scripts/gen-knowledge) plus curated history (src/knowledge/curated), behind a small typed API.
// Rules ask this module; nobody keeps their own list of GODEBUG names or Go versions.
// How the data is made and kept honest: docs/knowledge.md.

export type { GodebugCategory, GodebugSetting, ValueDomain, Hazard, ExperimentInfo, GeneratedToolchain, GeneratedArchVar } from './types.js';
export {
  NEWEST_GO_VERSION,
  NEWEST_GO_RELEASED,
  CPU_OPTION_NAMES,
  godebugSetting,
  allGodebugNames,
  godebugExistsIn,
  godebugInTable,
  godebugTableFor,
  godebugDefault,
  godebugValueOnly,
  godebugValueValid,
  godebugProductionHazard,
  retiredGodebug,
  internalGodebugRead,
  defaultGodebug,
  suggestGodebugKey,
  type DefaultGodebugOptions,
} from './godebug.js';
export { experimentsFor, experimentKnown, experimentLastKnown, type Platform } from './experiments.js';
export { forkExperiment, FORK_EXPERIMENTS, type ForkExperiment } from './curated/fork-experiments.js';
export {
  tracebackLevel,
  tracebackLevelNames,
  tracebackLevelSince,
  tracebackCanonical,
  GOTRACEBACK_LEVEL_NAMES,
  GOTRACEBACK_DEFAULT,
  GOTRACEBACK_PRINTS,
  GOGC_DEFAULT,
  parseMemLimit,
  parseGogc,
  parseGomaxprocs,
  parseKubernetesQuantity,
  type TracebackLevel,
} from './runtime-vars.js';
export { compareGoVersions, parseGoVersion, goMinor, minorNumber, asRelease, type GoVersion } from './versions.js';
export { GOTOOLCHAIN_SINCE, gotoolchainProblem, parseGotoolchain, selectGoToolchain, type GotoolchainSetting, type ToolchainSelection } from './toolchain-select.js';
export { BUILDCFG_ERROR_RESET_SINCE, buildcfgVariable, buildcfgValueValid, type BuildcfgVariable } from './buildcfg.js';
export { GENERATED_TOOLCHAINS } from './generated/toolchains.js';
export * from './variables.js';
export {
  GODEBUG_REMOVED_FATAL_SINCE,
  GODEBUG_REMOVED_FATAL_MESSAGE,
  removedGodebugFatalIn,
  securityReleaseGodebugs,
  GO_COMMAND_FLAGS,
  goCommandFlags,
  goflagsProblems,
  GOAMD64_LEVELS,
  GOAMD64_DEFAULT,
  amd64Level,
  GOMAXPROCS_CGROUP_AWARE_SINCE,
  GO_ENV_WRITE,
  GO_ERROR_TEXTS,
  goErrorText,
  GO_ENV_WRITE_OLDEST_CHECKED,
  goEnvWriteRefused,
  goEnvWriteRefusal,
  EXPERIMENT_MEANINGS,
  VARIABLE_FACTS,
  goMinorsUpTo,
  describeGodebugDomain,
  type GoflagsProblem,
  type GoEnvWriteFact,
  type VariableFacts,
} from './tooling.js';
