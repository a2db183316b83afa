// GOEXPERIMENT names that no upstream Go release defines but that downstream Go distributions add
// for FIPS builds. Upstream `go` rejects them ("go: unknown GOEXPERIMENT <name>"), yet a repository
// built with the distribution's toolchain uses them on purpose, and scripts often probe for them
// (`if GOEXPERIMENT=strictfipsruntime go build ...; then`). Seen in real repositories while
// triaging false positives (OpenShift-style hack scripts, Microsoft Go pipelines).
// Sources: golang-fips/go README.md (the fork behind the CentOS/RHEL Go Toolset, strict FIPS
// runtime mode) and microsoft/go eng/doc/fips/README.md (the Microsoft build of Go's crypto
// backends).

/** A GOEXPERIMENT name defined by a downstream Go distribution only. */
export interface ForkExperiment {
  /** The flag as written in GOEXPERIMENT (without a `no` prefix). */
  name: string;
  /** The distribution whose toolchain knows it, as a phrase ("the Microsoft build of Go"). */
  distribution: string;
  /** Where the distribution documents it. */
  source: string;
}

const RED_HAT = 'the Red Hat Go Toolset (golang-fips/go)';
const RED_HAT_SOURCE = 'https://github.com/golang-fips/go/blob/main/README.md';
const MICROSOFT = 'the Microsoft build of Go';
const MICROSOFT_SOURCE = 'https://github.com/microsoft/go/blob/microsoft/main/eng/doc/fips/README.md';

export const FORK_EXPERIMENTS: readonly ForkExperiment[] = [
  { name: 'strictfipsruntime', distribution: RED_HAT, source: RED_HAT_SOURCE },
  { name: 'systemcrypto', distribution: MICROSOFT, source: MICROSOFT_SOURCE },
  { name: 'opensslcrypto', distribution: MICROSOFT, source: MICROSOFT_SOURCE },
  { name: 'cngcrypto', distribution: MICROSOFT, source: MICROSOFT_SOURCE },
  { name: 'darwincrypto', distribution: MICROSOFT, source: MICROSOFT_SOURCE },
  { name: 'allowcryptofallback', distribution: MICROSOFT, source: MICROSOFT_SOURCE },
];

/** The downstream distribution that defines this GOEXPERIMENT flag, if any (case as Go: lower). */
export function forkExperiment(flag: string): ForkExperiment | undefined {
  return FORK_EXPERIMENTS.find((e) => e.name === flag);
}
