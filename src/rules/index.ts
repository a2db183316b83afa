// The rule registry: a plain list, checked against the folders of src/rules/ by
// test/registry.test.ts (every folder registered, every rule with a doc page and fixtures).
import { rule as buildEnvInherited } from './build-env-inherited/index.js';
import { rule as buildcfgInvalid } from './buildcfg-invalid/index.js';
import { rule as drift } from './drift/index.js';
import { rule as goEnvWPersistent } from './go-env-w-persistent/index.js';
import { rule as goamd64Level } from './goamd64-level/index.js';
import { rule as godebugDefaultValue } from './godebug-default-value/index.js';
import { rule as godebugDuplicateKey } from './godebug-duplicate-key/index.js';
import { rule as godebugInvalidValue } from './godebug-invalid-value/index.js';
import { rule as godebugNotInVersion } from './godebug-not-in-version/index.js';
import { rule as godebugPatternSuffix } from './godebug-pattern-suffix/index.js';
import { rule as godebugRetiredValue } from './godebug-retired-value/index.js';
import { rule as godebugSecurityDefaultWeakened } from './godebug-security-default-weakened/index.js';
import { rule as godebugUnknownKey } from './godebug-unknown-key/index.js';
import { rule as goexperimentNone } from './goexperiment-none/index.js';
import { rule as goexperimentNotAllowed } from './goexperiment-not-allowed/index.js';
import { rule as goexperimentUnknown } from './goexperiment-unknown/index.js';
import { rule as goflagsInvalid } from './goflags-invalid/index.js';
import { rule as gogcIgnoredValue } from './gogc-ignored-value/index.js';
import { rule as gogcOffWithoutMemlimit } from './gogc-off-without-memlimit/index.js';
import { rule as gomaxprocsContainer } from './gomaxprocs-container/index.js';
import { rule as gomaxprocsIgnoredValue } from './gomaxprocs-ignored-value/index.js';
import { rule as gomemlimitContainerLimit } from './gomemlimit-container-limit/index.js';
import { rule as gomemlimitMalformed } from './gomemlimit-malformed/index.js';
import { rule as gorootInProduction } from './goroot-in-production/index.js';
import { rule as gorootOutsideToolchainImage } from './goroot-outside-toolchain-image/index.js';
import { rule as gotoolchainInvalid } from './gotoolchain-invalid/index.js';
import { rule as gotracebackInvalid } from './gotraceback-invalid/index.js';
import { rule as inlineIgnore } from './inline-ignore/index.js';
import { rule as prodGodebugHazard } from './prod-godebug-hazard/index.js';
import { rule as prodTraceback } from './prod-traceback/index.js';
import { rule as targetsUndeclared } from './targets-undeclared/index.js';
import { rule as binaryInterpreterMissing } from './binary-interpreter-missing/index.js';
import { rule as binaryDebugBuild } from './binary-debug-build/index.js';
import { rule as binaryGodebugOverride } from './binary-godebug-override/index.js';
import { rule as binaryBuildDrift } from './binary-build-drift/index.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  buildEnvInherited,
  buildcfgInvalid,
  drift,
  goEnvWPersistent,
  goamd64Level,
  godebugDefaultValue,
  godebugDuplicateKey,
  godebugInvalidValue,
  godebugNotInVersion,
  godebugPatternSuffix,
  godebugRetiredValue,
  godebugSecurityDefaultWeakened,
  godebugUnknownKey,
  goexperimentNone,
  goexperimentNotAllowed,
  goexperimentUnknown,
  goflagsInvalid,
  gogcIgnoredValue,
  gogcOffWithoutMemlimit,
  gomaxprocsContainer,
  gomaxprocsIgnoredValue,
  gomemlimitContainerLimit,
  gomemlimitMalformed,
  gorootInProduction,
  gorootOutsideToolchainImage,
  gotoolchainInvalid,
  gotracebackInvalid,
  inlineIgnore,
  prodGodebugHazard,
  prodTraceback,
  targetsUndeclared,
  binaryInterpreterMissing,
  binaryDebugBuild,
  binaryGodebugOverride,
  binaryBuildDrift,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);
