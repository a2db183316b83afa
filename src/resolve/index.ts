// Resolution: what is in effect per (target, environment, variable, key), with the chain of
// provenance. Go's own precedence, lowest first (go-facts.md §1.1, §2.3):
//   go.mod/go.work `godebug` < `//go:debug` < environment-level sources (image ENV, CI env,
//   scripts, Makefiles) < orchestrator env (Kubernetes, Helm, Kustomize, compose, systemd)
//   < runtime calls in the program (debug.SetGCPercent and friends overwrite the environment).
// Inside one file the nearer scope wins (workflow < job < step), and sibling scopes (two jobs,
// two containers) are alternatives: a cell can hold several effective values.
import type { EnvironmentName, Observation, Phase } from '../core/types.js';
import { trackedVariable } from '../knowledge/variables.js';

/** One effective value in one context (a job, a container, an image). */
export interface EffectiveValue {
  text: string;
  literal: boolean;
  /** The observation that set it. */
  observation: Observation;
  /** Precedence layer of that observation (see layerOf). */
  layer: number;
}

/** What is in effect for one setting in one environment of one target. */
export interface Cell {
  target: string;
  environment: EnvironmentName;
  variable: string;
  key: string | null;
  /** Winners, one per context; empty when nothing sets it (Go's default applies). */
  values: EffectiveValue[];
  /** Observations that were overridden by a higher layer or a nearer scope. */
  overridden: Observation[];
}

const ORCHESTRATOR_PREFIXES = ['k8s-', 'kustomize-', 'helm-', 'compose-', 'systemd-'];

/** Precedence layer of an observation's origin; higher wins. */
export function layerOf(o: Observation): number {
  if (o.origin === 'gomod-godebug' || o.origin === 'gowork-godebug') return 1;
  if (o.origin === 'go-debug-directive') return 2;
  // A binary's DefaultGODEBUG is compiled in (go.mod godebug + //go:debug + go line): beneath any environment.
  if (o.origin === 'binary-buildinfo') return 2;
  if (o.origin === 'go-runtime-call') {
    // debug.SetTraceback can raise but never lower the environment's level (go-facts.md §4):
    // treat it as a floor beneath the environment rather than an override.
    return o.variable === 'GOTRACEBACK' ? 0 : 5;
  }
  // values.yaml is Helm's base layer: a values-<env>.yaml passed with -f overrides it.
  if (o.origin === 'helm-values' && o.variant === 'default') return 3.5;
  if (ORCHESTRATOR_PREFIXES.some((p) => o.origin.startsWith(p))) return 4;
  return 3;
}

/**
 * Facts that never reach a program's environment: a Makefile variable that is not exported (only
 * recipe lines that pass it on count), calls in `_test.go` files, and `//go:debug` lines Go ignores — after the package clause,
 * or in a package that is neither main nor a test (go-facts.md §2.3).
 */
export function hasNoEffect(o: Observation): boolean {
  if (o.origin === 'make-assign') return true;
  // t.Setenv / os.Setenv inside a test sets the variable for that one test, not for the test
  // environment: comparing it with production would be drift nobody configured.
  if (o.origin === 'go-runtime-call' && o.span.path.endsWith('_test.go')) return true;
  if (o.origin === 'go-debug-directive') {
    return o.scope.some((s) => s.kind === 'misplaced' || (s.kind === 'file-kind' && s.name === 'library'));
  }
  return false;
}

/**
 * Phases whose observations reach a variable's reader. A runtime variable set only for
 * `go build` does not reach the program; a build variable set in a container's env does not
 * change the binary that is already built.
 */
export function phasesFor(variable: string): readonly Phase[] {
  const readBy = trackedVariable(variable)?.readBy;
  if (variable === 'GODEBUG' || readBy === 'run') return ['run', 'test'];
  if (readBy === 'build') return ['build', 'test'];
  return ['build', 'test', 'run'];
}

function chainOf(o: Observation): string[] {
  return o.scope.map((s) => `${s.kind}:${s.name}`);
}

function isPrefix(prefix: string[], of: string[]): boolean {
  return prefix.length <= of.length && prefix.every((p, i) => of[i] === p);
}

function offsetOf(o: Observation): number {
  return o.span.start?.offset ?? 0;
}

/**
 * Winners among observations of one layer: for each leaf context (a scope chain in a file that
 * no other chain in that file extends), the deepest observation on its path, the later one on
 * a tie (a later `ENV` line overrides an earlier one).
 */
function winnersOfLayer(observations: Observation[]): Observation[] {
  const byPath = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byPath.get(o.span.path) ?? [];
    list.push(o);
    byPath.set(o.span.path, list);
  }
  const winners: Observation[] = [];
  for (const list of byPath.values()) {
    const chains = list.map(chainOf);
    const leaves = chains.filter((c, i) => !chains.some((d, j) => j !== i && d.length > c.length && isPrefix(c, d)));
    const seen = new Set<Observation>();
    for (const leaf of leaves) {
      let best: Observation | undefined;
      let bestDepth = -1;
      for (let i = 0; i < list.length; i++) {
        const c = chains[i]!;
        if (!isPrefix(c, leaf)) continue;
        const o = list[i]!;
        if (c.length > bestDepth || (c.length === bestDepth && best && offsetOf(o) >= offsetOf(best))) {
          best = o;
          bestDepth = c.length;
        }
      }
      if (best && !seen.has(best)) {
        seen.add(best);
        winners.push(best);
      }
    }
  }
  return winners;
}

/** Facts compiled into the binary reach it whatever phase their source is read in. */
function builtIn(o: Observation): boolean {
  return o.origin === 'gomod-godebug' || o.origin === 'gowork-godebug' || o.origin === 'go-debug-directive' || o.origin === 'go-runtime-call';
}

/** Resolves one cell from the observations that reach it (already filtered by target/env/variable/key/phase). */
export function resolveCell(
  target: string,
  environment: EnvironmentName,
  variable: string,
  key: string | null,
  observations: Observation[],
): Cell {
  // A GODEBUG field written without `=` is skipped by Go (runtime/runtime1.go parsegodebug): it
  // sets nothing and overrides nothing; godebug-invalid-value reports it from the raw facts.
  observations = observations.filter((o) => !o.value.noEquals);
  if (observations.length === 0) return { target, environment, variable, key, values: [], overridden: [] };
  const top = Math.max(...observations.map(layerOf));
  const winners = winnersOfLayer(observations.filter((o) => layerOf(o) === top));
  const winnerSet = new Set(winners);
  return {
    target,
    environment,
    variable,
    key,
    values: winners.map((o) => ({ text: o.value.text, literal: o.value.literal, observation: o, layer: top })),
    overridden: observations.filter((o) => !winnerSet.has(o)),
  };
}

/** The settings matrix: every cell for every target × environment × setting seen anywhere. */
export interface Resolution {
  targets: string[];
  environments: EnvironmentName[];
  /** Setting ids (`GODEBUG:panicnil`, `GOGC`) in a stable order. */
  settings: Array<{ variable: string; key: string | null }>;
  cell(target: string, environment: EnvironmentName, variable: string, key: string | null): Cell;
  /**
   * All observations (settings and context facts) of a target in an environment, program-wide ones
   * included. Computed once per (target, environment) and shared: the array is frozen, copy it
   * before sorting or pushing.
   */
  observationsIn(target: string, environment: EnvironmentName): Observation[];
}

export function settingId(variable: string, key: string | null): string {
  return key === null ? variable : `${variable}:${key}`;
}

const ENV_ORDER: EnvironmentName[] = ['production', 'staging', 'test', 'dev', 'unknown'];

/** Builds the resolution over environment-assigned observations. */
export function resolve(observations: Observation[]): Resolution {
  const settings = new Map<string, { variable: string; key: string | null }>();
  const targets = new Set<string>();
  const envs = new Set<EnvironmentName>(['test', 'production']);
  const byTargetEnv = new Map<string, Observation[]>();
  const programWide = new Map<string, Observation[]>();
  for (const o of observations) {
    const target = o.target ?? '.';
    targets.add(target);
    if (o.environment?.programWide) {
      const list = programWide.get(target) ?? [];
      list.push(o);
      programWide.set(target, list);
    } else {
      const env = o.environment?.name ?? 'unknown';
      envs.add(env);
      const k = `${target}\u0000${env}`;
      const list = byTargetEnv.get(k) ?? [];
      list.push(o);
      byTargetEnv.set(k, list);
    }
    if (!o.variable.startsWith('@')) settings.set(settingId(o.variable, o.key), { variable: o.variable, key: o.key });
  }
  const cache = new Map<string, Cell>();
  // observationsIn and cell are called per setting × target × environment by the rules (and per
  // observation by unitFacts): both are indexed once so each call costs what it returns, not a
  // pass over every observation of the environment (that pass was quadratic on large monorepos).
  const inCache = new Map<string, readonly Observation[]>();
  const observationsIn = (target: string, environment: EnvironmentName): Observation[] => {
    const k = `${target}\u0000${environment}`;
    let list = inCache.get(k);
    if (!list) {
      list = Object.freeze([...(programWide.get(target) ?? []), ...(byTargetEnv.get(k) ?? [])]);
      inCache.set(k, list);
    }
    return list as Observation[];
  };
  /** Observations of one (target, environment) grouped by setting id, in observationsIn order. */
  const bySetting = new Map<string, Map<string, Observation[]>>();
  const ofSetting = (target: string, environment: EnvironmentName, id: string): readonly Observation[] => {
    const k = `${target}\u0000${environment}`;
    let m = bySetting.get(k);
    if (!m) {
      m = new Map();
      for (const o of observationsIn(target, environment)) {
        const sid = settingId(o.variable, o.key);
        const list = m.get(sid);
        if (list) list.push(o);
        else m.set(sid, [o]);
      }
      bySetting.set(k, m);
    }
    return m.get(id) ?? [];
  };
  return {
    targets: [...targets].sort(),
    environments: ENV_ORDER.filter((e) => envs.has(e)),
    settings: [...settings.values()].sort(
      (a, b) => a.variable.localeCompare(b.variable) || (a.key ?? '').localeCompare(b.key ?? ''),
    ),
    observationsIn,
    cell(target, environment, variable, key) {
      const id = `${target}\u0000${environment}\u0000${settingId(variable, key)}`;
      const cached = cache.get(id);
      if (cached) return cached;
      const phases = phasesFor(variable);
      const relevant = ofSetting(target, environment, settingId(variable, key)).filter(
        (o) => o.variable === variable && o.key === key && (phases.includes(o.phase) || builtIn(o)) && !hasNoEffect(o),
      );
      const cell = resolveCell(target, environment, variable, key, relevant);
      cache.set(id, cell);
      return cell;
    },
  };
}
