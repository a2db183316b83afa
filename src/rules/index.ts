// The rule registry: a plain list, checked against the folders of src/rules/ by
// test/registry.test.ts (every folder registered, every rule with a doc page and fixtures).
import { rule as buildEnvInherited } from './build-env-inherited/index.js';
import { rule as drift } from './drift/index.js';
import { rule as gogcOffWithoutMemlimit } from './gogc-off-without-memlimit/index.js';
import { rule as gomaxprocsContainer } from './gomaxprocs-container/index.js';
import { rule as gomemlimitContainerLimit } from './gomemlimit-container-limit/index.js';
import { rule as gorootInProduction } from './goroot-in-production/index.js';
import { rule as inlineIgnore } from './inline-ignore/index.js';
import { rule as prodGodebugHazard } from './prod-godebug-hazard/index.js';
import { rule as prodTraceback } from './prod-traceback/index.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  buildEnvInherited,
  drift,
  gogcOffWithoutMemlimit,
  gomaxprocsContainer,
  gomemlimitContainerLimit,
  gorootInProduction,
  inlineIgnore,
  prodGodebugHazard,
  prodTraceback,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);
