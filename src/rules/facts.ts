// Helpers for rules that judge each written fact (a GODEBUG item, a GOEXPERIMENT name, a
// GOMEMLIMIT value) rather than effective values: a typo is a typo even where a higher layer
// overrides it. Nothing here parses or reads files.
import type { EnvironmentName, Observation } from '../core/types.js';
import { compareGoVersions, NEWEST_GO_VERSION, parseGoVersion } from '../knowledge/index.js';
import { hasNoEffect } from '../resolve/index.js';
import type { GoVersionInForce, RuleContext } from './types.js';

/** One written fact with the target and environment it was found in. */
export interface Fact {
  o: Observation;
  target: string;
  /** The observation's own environment (`unknown` for program-wide facts such as go.mod lines). */
  environment: EnvironmentName;
}

/**
 * Every observation of `variable` once (program-wide facts appear in every environment of the
 * resolution; they are visited once). Leaves out facts Go never sees (`hasNoEffect`), values
 * set by calls in the program's code (deliberate, often conditional; see eachEffective) and,
 * unless `includeNonLiteral`, values godrift cannot resolve.
 */
export function eachFact(context: RuleContext, variable: string | ((v: string) => boolean), opts: { includeNonLiteral?: boolean } = {}): Fact[] {
  const all = uniqueFacts(context.resolution);
  const candidates = typeof variable === 'string' ? (all.byVariable.get(variable) ?? []) : all.facts.filter((f) => variable(f.o.variable));
  return opts.includeNonLiteral ? [...candidates] : candidates.filter((f) => f.o.value.literal);
}

/**
 * Every observation once, with the first target it is seen in, minus those Go never sees: the
 * pass every eachFact call shares (a rule per variable each walking every environment of a
 * 2,000-service monorepo was a visible share of the scan). Computed once per resolution.
 */
interface FactIndex {
  facts: readonly Fact[];
  /** The same facts by variable, in the same order. */
  byVariable: Map<string, Fact[]>;
}
const factsOf = new WeakMap<RuleContext['resolution'], FactIndex>();
function uniqueFacts(resolution: RuleContext['resolution']): FactIndex {
  const cached = factsOf.get(resolution);
  if (cached) return cached;
  const seen = new Set<Observation>();
  const out: Fact[] = [];
  for (const target of resolution.targets) {
    for (const env of resolution.environments) {
      for (const o of resolution.observationsIn(target, env)) {
        if (seen.has(o)) continue;
        seen.add(o);
        if (hasNoEffect(o) || o.origin === 'go-runtime-call') continue;
        out.push({ o, target, environment: o.environment?.name ?? 'unknown' });
      }
    }
  }
  const byVariable = new Map<string, Fact[]>();
  for (const f of out) {
    const list = byVariable.get(f.o.variable);
    if (list) list.push(f);
    else byVariable.set(f.o.variable, [f]);
  }
  const index = { facts: out, byVariable };
  factsOf.set(resolution, index);
  return index;
}

/** Facts compiled into the program by the go command (go.mod/go.work `godebug`, `//go:debug`). */
export function isBuildDirective(o: Observation): boolean {
  return o.origin === 'gomod-godebug' || o.origin === 'gowork-godebug' || o.origin === 'go-debug-directive';
}

/**
 * The Go version a fact is judged against. A program-wide fact (go.mod, `//go:debug`) is built
 * by every toolchain that builds the target: the newest one found in any environment is taken
 * (what breaks first on an upgrade); other facts use their own environment.
 */
export function versionFor(context: RuleContext, fact: Fact): GoVersionInForce {
  // A built artifact's facts (its build info, its image's Env) concern one binary whose Go version
  // is known exactly: judge them against it, not the newest toolchain elsewhere in the target (a
  // Go 1.26 binary honours a GODEBUG that crashes the Go 1.27 binary in the next image).
  if ((fact.o.origin === 'binary-buildinfo' || fact.o.origin === 'image-config-env') && fact.o.goVersion) {
    return { version: fact.o.goVersion, reason: `Go ${fact.o.goVersion} built the binary (${fact.o.span.path})` };
  }
  if (!fact.o.environment?.programWide) return context.goVersion(fact.target, fact.environment);
  let best: GoVersionInForce | undefined;
  for (const env of context.resolution.environments) {
    const v = context.goVersion(fact.target, env);
    // "1.24" from an image tag or setup-go is the newest 1.24.x, newer than a go line's "1.24.0"
    // or "1.24" (a minimum): compare as such, or a go line would pass for the newest toolchain.
    if (v.version && (!best?.version || newerInForce(v, best) > 0)) best = v;
  }
  return best ?? context.goVersion(fact.target, fact.environment);
}

/**
 * Orders two versions in force. Between a go line's minimum and a toolchain, a toolchain written
 * without patch ("1.24": an image tag, setup-go) counts as its newest patch; otherwise the
 * versions compare as written.
 */
function newerInForce(a: GoVersionInForce, b: GoVersionInForce): number {
  if (!!a.minimum === !!b.minimum) return compareGoVersions(a.version!, b.version!);
  const installed = (v: GoVersionInForce) => (v.minimum ? v.version! : latestPatch(v.version!));
  return compareGoVersions(installed(a), installed(b));
}

/** Like {@link versionFor} but never undefined: falls back to the newest Go godrift knows, saying so. */
export function versionOrNewest(context: RuleContext, fact: Fact): { version: string; reason: string; assumed: boolean } {
  const v = versionFor(context, fact);
  if (v.version) return { version: v.version, reason: v.reason, assumed: false };
  return { version: NEWEST_GO_VERSION, reason: `${v.reason}, so the newest known`, assumed: true };
}

/**
 * Groups the GODEBUG items of one written value: same file, origin, scope, phase and variant,
 * on one line (a value spanning lines chains through items that share a line). Items of two
 * separate assignments on different lines are different values (the later replaces the whole
 * variable, which is resolution's business, not a duplicate).
 */
export function groupByWrittenValue(facts: Fact[]): Fact[][] {
  const keyOf = (f: Fact) =>
    [f.o.span.path, f.o.origin, f.o.phase, f.o.variant ?? '', f.o.inheritedFrom ?? '', f.o.scope.map((s) => `${s.kind}:${s.name}`).join('/')].join('\u0000');
  const buckets = new Map<string, Fact[]>();
  for (const f of facts) {
    if (!f.o.span.start || !f.o.span.end) continue;
    const k = keyOf(f);
    const list = buckets.get(k) ?? [];
    list.push(f);
    buckets.set(k, list);
  }
  const groups: Fact[][] = [];
  for (const list of buckets.values()) {
    list.sort((a, b) => a.o.span.start!.offset - b.o.span.start!.offset);
    let current: Fact[] = [];
    let lastLine = -1;
    for (const f of list) {
      if (current.length > 0 && f.o.span.start!.line !== lastLine) {
        groups.push(current);
        current = [];
      }
      current.push(f);
      lastLine = f.o.span.end!.line;
    }
    if (current.length > 0) groups.push(current);
  }
  return groups;
}

/** A bare release line (`1.27`) stands for its newest patch: `golang:1.27` and setup-go follow it. */
export function latestPatch(version: string): string {
  const p = parseGoVersion(version);
  return p && p.patch === undefined && !p.pre ? `${p.major}.${p.minor}.9999` : version;
}

/** goLineOf per resolution and target: rules ask once per fact, and the answer is per target. */
const goLines = new WeakMap<object, Map<string, Observation | undefined>>();

/** The work module's go line of a target: go.work's when there is one (go-facts §2.3). */
export function goLineOf(context: RuleContext, target: string): Observation | undefined {
  let perTarget = goLines.get(context.resolution);
  if (!perTarget) goLines.set(context.resolution, (perTarget = new Map()));
  if (perTarget.has(target)) return perTarget.get(target);
  const line = findGoLine(context, target);
  perTarget.set(target, line);
  return line;
}

function findGoLine(context: RuleContext, target: string): Observation | undefined {
  let mod: Observation | undefined;
  for (const env of context.resolution.environments) {
    for (const o of context.resolution.observationsIn(target, env)) {
      if (o.variable !== '@go' || !o.value.literal) continue;
      if (o.origin === 'gowork-go') return o;
      mod ??= o;
    }
  }
  return mod;
}
