// drift: a setting whose effective value differs between test and production, per target.
// Unset means Go's default for the Go version in force there. Values godrift cannot resolve
// (template expressions, secrets, CI variables) are never compared: no guess, no finding.
import {
  experimentsFor,
  godebugDefault,
  godebugProductionHazard,
  godebugSetting,
  GOGC_DEFAULT,
  parseGogc,
  GOTRACEBACK_DEFAULT,
  NEWEST_GO_VERSION,
  tracebackCanonical,
} from '../../knowledge/index.js';
import type { EnvironmentName, Observation, RelatedLocation, Severity } from '../../core/types.js';
import type { Cell } from '../../resolve/index.js';
import { environmentSeen, settingName } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';

/**
 * Variables compared across environments. GOMEMLIMIT and GOMAXPROCS are left out on purpose:
 * they are sized to each environment's machines, so a difference is expected, not drift (the
 * container-limit rules judge them instead). GOROOT, GOTOOLCHAIN, GOOS/GOARCH and the arch
 * levels are about the toolchain, not the program's behaviour under test.
 */
const COMPARED = new Set(['GODEBUG', 'GOEXPERIMENT', 'GOTRACEBACK', 'GOGC', 'CGO_ENABLED', 'GOFLAGS']);

const TEST: EnvironmentName = 'test';
const PRODUCTION: EnvironmentName = 'production';

/** The value Go uses when nothing sets it, or undefined when that depends on the machine. */
function defaultValue(variable: string, key: string | null, goVersion: string, goLine: string | undefined): string | undefined {
  switch (variable) {
    case 'GODEBUG':
      return key === null ? undefined : godebugDefault(key, goVersion, goLine);
    case 'GOEXPERIMENT': {
      if (key === null) return undefined;
      if (key === 'none') return 'off';
      const exp = experimentsFor(goVersion).find((e) => e.name === key);
      return exp ? (exp.defaultOn ? 'on' : 'off') : undefined;
    }
    case 'GOTRACEBACK':
      return GOTRACEBACK_DEFAULT;
    case 'GOGC':
      return String(GOGC_DEFAULT);
    case 'GOFLAGS':
      return '';
    default:
      // CGO_ENABLED defaults to 1 or 0 depending on whether a C compiler is on PATH (go-facts.md §7).
      return undefined;
  }
}

/** Spellings Go treats alike compare equal (GOTRACEBACK=1 is all, GODEBUG values drop #patterns). */
function normalize(variable: string, value: string): string {
  const v = value.trim();
  switch (variable) {
    case 'GOTRACEBACK':
      return tracebackCanonical(v);
    case 'GOGC':
      // As runtime/mgcpacer.go readGOGC: exactly "off", else a base-10 int32 (negative = off,
      // setGCPercent), else 100: an empty `ENV GOGC=` is the default, not a value of its own.
      return gogcEffective(v);
    case 'GOFLAGS':
      return behaviourFlags(v);
    case 'GODEBUG': {
      const hash = v.indexOf('#');
      return hash >= 0 ? v.slice(0, hash) : v;
    }
    default:
      return v;
  }
}

function gogcEffective(v: string): string {
  const g = parseGogc(v);
  return g.off ? 'off' : String(g.percent ?? GOGC_DEFAULT);
}

/**
 * GOFLAGS words that change the binary under test or in production (build tags, race and
 * sanitizers, compiler/linker flags, build mode, coverage). Flags such as -mod=readonly or
 * -buildvcs only change how the go command fetches or stamps, so differences there are not drift.
 */
const BEHAVIOUR_FLAGS = ['-tags', '-race', '-msan', '-asan', '-gcflags', '-ldflags', '-asmflags', '-buildmode', '-cover', '-covermode', '-trimpath', '-pgo'];

function behaviourFlags(goflags: string): string {
  return goflags
    .split(/\s+/)
    .filter((w) => BEHAVIOUR_FLAGS.some((f) => w === f || w.startsWith(`${f}=`) || w === `-${f}` || w.startsWith(`-${f}=`)))
    .map((w) => w.replace(/^--/, '-'))
    .sort()
    .join(' ');
}

function severityFor(variable: string, key: string | null): Severity {
  if (variable === 'GOEXPERIMENT') return 'error';
  if (variable === 'GODEBUG' && key !== null) {
    const s = godebugSetting(key);
    if (s && (s.categories.includes('semantics') || s.categories.includes('security'))) return 'error';
  }
  return 'warning';
}

function goLineOf(context: RuleContext, target: string, env: EnvironmentName): string | undefined {
  const line = context.resolution
    .observationsIn(target, env)
    .find((o) => o.variable === '@go' && o.value.literal);
  return line?.value.text;
}

interface Side {
  cell: Cell;
  /** Normalized effective values, or the default when nothing sets it. */
  values: Set<string>;
  isDefault: boolean;
  /** For a default that depends on the Go version (GODEBUG, GOEXPERIMENT): ` (Go 1.26: why)`. */
  basis: string;
}

function side(context: RuleContext, target: string, env: EnvironmentName, variable: string, key: string | null): Side | undefined {
  const cell = context.resolution.cell(target, env, variable, key);
  if (cell.values.some((v) => !v.literal)) return undefined;
  if (cell.values.length > 0) {
    return { cell, values: new Set(cell.values.map((v) => normalize(variable, v.text))), isDefault: false, basis: '' };
  }
  const inForce = context.goVersion(target, env);
  const version = inForce.version ?? NEWEST_GO_VERSION;
  const d = defaultValue(variable, key, version, goLineOf(context, target, env));
  if (d === undefined) return undefined;
  const byVersion = variable === 'GODEBUG' || variable === 'GOEXPERIMENT';
  const basis = !byVersion ? '' : ` (Go ${version}: ${inForce.version ? inForce.reason : `${inForce.reason}, so the newest known`})`;
  return { cell, values: new Set([normalize(variable, d)]), isDefault: true, basis };
}

/**
 * The other side's locations, at most MAX_RELATED of them: a monorepo treated as one program can
 * have thousands of test contexts setting a key, and listing every one makes a finding unreadable
 * (and the JSON report of the 2,000-service benchmark 39 MB). The last one says how many more.
 */
const MAX_RELATED = 10;

function related(observations: Observation[], environment: EnvironmentName, what: string): RelatedLocation[] {
  const shown = observations.slice(0, MAX_RELATED);
  const more = observations.length - shown.length;
  return shown.map((o, i) => ({
    span: o.span,
    environment,
    message: `${what} "${o.value.text}" here${more > 0 && i === shown.length - 1 ? ` (and ${more} more ${more === 1 ? 'place' : 'places'} in ${environment})` : ''}`,
  }));
}

export const rule: Rule = {
  meta: {
    id: 'drift',
    description: 'A Go setting has a different effective value in test than in production.',
    category: 'drift',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      differs: {
        message: '{setting} is "{prod}" in production but "{test}" in test, so the tests do not exercise what runs in production',
        help: 'use the same value in both environments, or set it once where every build shares it (go.mod `godebug` for GODEBUG keys)',
      },
      unsetInTest: {
        message: '{setting} is "{prod}" in production but not set in test, where Go\'s default "{test}" applies{basis}',
        help: 'set {setting} to "{prod}" for the tests too, or drop it from production if the default is what you want',
      },
      weakenedOnlyInTest: {
        message: '{setting} is "{test}" in test only, so the tests accept what production refuses ({reason}); production keeps Go\'s default "{prod}"{basis}',
        help: 'do not copy it to production; make the tests pass without it, or, when only a test peer needs it (an in-process TLS server, a test CA), keep it there and suppress this finding with that reason',
      },
      unsetInProduction: {
        message: '{setting} is "{test}" in test but not set in production, where Go\'s default "{prod}" applies{basis}',
        help: 'set {setting} to "{test}" in production too, or stop setting it in test so the tests run with the default',
      },
    },
  },
  check(context) {
    const { resolution } = context;
    for (const target of resolution.targets) {
      // Without any sign of a test (or production) environment there is nothing to drift from:
      // "unset" there would be a guess about a place godrift has not seen.
      if (!environmentSeen(context, target, TEST) || !environmentSeen(context, target, PRODUCTION)) continue;
      for (const { variable, key } of resolution.settings) {
        if (!COMPARED.has(variable)) continue;
        const test = side(context, target, TEST, variable, key);
        const prod = side(context, target, PRODUCTION, variable, key);
        if (!test || !prod || (test.isDefault && prod.isDefault)) continue;
        const data = { setting: settingName(variable, key) };
        const severity = severityFor(variable, key);
        if (!prod.isDefault) {
          for (const v of prod.cell.values) {
            const value = normalize(variable, v.text);
            if (test.values.has(value)) continue;
            context.report({
              messageId: test.isDefault ? 'unsetInTest' : 'differs',
              data: { ...data, prod: v.text, test: [...test.values].join('", "'), basis: test.basis },
              observation: v.observation,
              environment: PRODUCTION,
              variable,
              key,
              severity,
              related: test.isDefault ? [] : related(test.cell.values.map((t) => t.observation), TEST, 'test sets'),
            });
          }
        } else {
          // Production relies on the default; every test context that sets something else drifts.
          const prodDefault = [...prod.values][0]!;
          for (const v of test.cell.values) {
            if (normalize(variable, v.text) === prodDefault) continue;
            // A security setting weakened for the tests alone (a legacy TLS test server, a test CA
            // with SHA-1): the tests may pass where production refuses, which is worth a warning,
            // but never the advice to weaken production as well (seen on a real TLS prober whose
            // _test.go enables tls10server for its in-process test server).
            const weakening = variable === 'GODEBUG' && key !== null ? godebugProductionHazard(key, v.text, context.goVersion(target, TEST).version ?? NEWEST_GO_VERSION) : undefined;
            if (weakening?.kind === 'security') {
              context.report({
                messageId: 'weakenedOnlyInTest',
                data: { ...data, prod: prodDefault, test: v.text, basis: prod.basis, reason: weakening.reason },
                observation: v.observation,
                environment: TEST,
                variable,
                key,
                severity: 'warning',
              });
              continue;
            }
            context.report({
              messageId: 'unsetInProduction',
              data: { ...data, prod: prodDefault, test: v.text, basis: prod.basis },
              observation: v.observation,
              environment: TEST,
              variable,
              key,
              severity,
            });
          }
        }
      }
    }
  },
};
