// Kustomize overlays: the effective container environment of every root kustomization (one not
// used as a base by another), each value pointing at the base manifest, patch, literal or env file
// that set it. When a kustomize binary is available (GODRIFT_KUSTOMIZE or PATH) the overlay is
// also built with it and the result cross-checked; a failing build is an error Diagnostic.
// See README.md for coverage and for how double counting with the kubernetes extractor is avoided.
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { findOnPath, oncePerScan } from '../common/executables.js';
import { baseOf, dirOf } from '../common/paths.js';
import type { Extractor, ExtractResult, SourceContext, SourceFile } from '../types.js';
import { configMapsIn, containerSettings, settingScope, settingsObservations, workloadsIn } from '../kubernetes/workloads.js';
import type { ConfigMapDef, ConfigMapResolver, ContainerSettings, EnvSetting } from '../kubernetes/workloads.js';
import { parseYaml } from '../yaml-common/index.js';
import { buildKustomization } from './build.js';
import type { BuildResult } from './build.js';
import { isKustomizationPath, isReferencedKustomization } from './graph.js';

export interface KustomizeOptions {
  /**
   * Path of a kustomize binary; `null` never runs one; undefined looks at GODRIFT_KUSTOMIZE
   * (a path, or `off`) and then PATH.
   */
  kustomize?: string | null;
  /** Build timeout in milliseconds (default 20 000). */
  timeoutMs?: number;
}

/** The kustomize binary to use, or undefined. */
export function findKustomize(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.GODRIFT_KUSTOMIZE;
  if (explicit !== undefined && explicit !== '') return explicit === 'off' || explicit === '0' ? undefined : explicit;
  return findOnPath('kustomize', env);
}

export function createKustomizeExtractor(options: KustomizeOptions = {}): Extractor {
  return {
    id: 'kustomize',
    matches: (path: string) => isKustomizationPath(path),
    async extract(file: SourceFile, context: SourceContext): Promise<ExtractResult> {
      try {
        return await extractKustomize(file, context, options);
      } catch (err) {
        return { observations: [], diagnostics: [{ path: file.path, severity: 'error', code: 'internal-error', message: `kustomize extractor failed: ${String(err)}` }] };
      }
    },
  };
}

/** Default instance: finds kustomize through GODRIFT_KUSTOMIZE or PATH at extraction time. */
export const kustomizeExtractor: Extractor = createKustomizeExtractor();

interface Located {
  settings: ContainerSettings[];
  /** Final (deployed) workload name per settings entry, for matching the real build. */
  finalNames: Map<ContainerSettings, string>;
}

function resolverOf(build: BuildResult): ConfigMapResolver {
  return (name, namespace) => {
    let found: ConfigMapDef | undefined;
    for (const c of build.configMaps) {
      if (c.names.includes(name) && (namespace === undefined || c.def.namespace === undefined || c.def.namespace === namespace)) found = c.def;
    }
    return found;
  };
}

async function extractKustomize(file: SourceFile, context: SourceContext, options: KustomizeOptions): Promise<ExtractResult> {
  // A kustomization used as a base or component is reported through the overlays that use it.
  if (isReferencedKustomization(file.path, context)) return { observations: [], diagnostics: [] };
  const build = buildKustomization(file.path, context);
  const diagnostics: Diagnostic[] = [...build.diagnostics];
  const overlayDir = dirOf(file.path);
  const variant = baseOf(overlayDir === '' ? '.' : overlayDir);
  const scope: ScopeLevel[] = [{ kind: 'overlay', name: overlayDir === '' ? '.' : overlayDir }];
  const resolve = resolverOf(build);
  const located: Located = { settings: [], finalNames: new Map() };
  for (const r of build.resources) {
    for (const w of workloadsIn(r.object)) {
      // Scope uses the name as written in the base, so overlays of one app line up for drift.
      const s = containerSettings({ ...w, name: r.names[0]!, ...(r.namespace !== undefined ? { namespace: r.namespace } : {}) }, resolve);
      located.settings.push(s);
      located.finalNames.set(s, r.names[r.names.length - 1]!);
      diagnostics.push(...s.diagnostics);
    }
  }

  const binary = options.kustomize === null ? undefined : (options.kustomize ?? oncePerScan(context.allFiles, 'kustomize', () => findKustomize()));
  const extraObservations: Observation[] = [];
  if (binary) {
    const rendered = await runKustomize(binary, dirname(file.absolutePath), options.timeoutMs ?? 20_000);
    if (!rendered.ok) {
      diagnostics.push({ path: file.path, severity: 'error', code: 'render-failed', message: `kustomize build failed: ${rendered.error}` });
    } else {
      crossCheck(file, rendered.stdout, located, scope, variant, diagnostics, extraObservations);
    }
  }
  const observations = located.settings.flatMap((s) => settingsObservations(s, scope, variant));
  observations.push(...extraObservations);
  return { observations, diagnostics };
}

function runKustomize(binary: string, dir: string, timeout: number): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // No network proxies (remote bases are not fetched through them) and no interactive git.
    if (/^(?:https?|all|no|ftp)_proxy$/i.test(k)) continue;
    env[k] = v;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  return new Promise((resolvePromise) => {
    try {
      // No plugins, no exec or containerized functions, no Helm: the build must not run code.
      execFile(
        binary,
        ['build', '--load-restrictor', 'LoadRestrictionsRootOnly', dir],
        { cwd: dir, env, timeout, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
        (err, stdout, stderr) => {
          if (err) {
            const why = (err as NodeJS.ErrnoException & { killed?: boolean }).killed ? `timed out after ${timeout} ms` : String(stderr || err.message).trim().split('\n').slice(0, 5).join(' | ');
            resolvePromise({ ok: false, error: why });
          } else resolvePromise({ ok: true, stdout: String(stdout) });
        },
      );
    } catch (err) {
      resolvePromise({ ok: false, error: String(err) });
    }
  });
}

function settingKey(kind: string, name: string, s: EnvSetting): string {
  return `${kind}/${name}\u0000${s.containerKind}/${s.container}\u0000${s.name}`;
}

/**
 * Compares our resolution with kustomize's output, keyed by (workload, container, variable).
 * kustomize wins: a different value replaces ours (our span is kept: it is the place that wrote
 * the name); a variable only kustomize sets gets a logical span; one only we saw is dropped. Each
 * case is a note so that a gap in our resolution is visible.
 */
function crossCheck(file: SourceFile, stdout: string, located: Located, scope: ScopeLevel[], variant: string, diagnostics: Diagnostic[], extra: Observation[]): void {
  const renderPath = file.path;
  const renderLines = new LineIndex(stdout);
  const parsed = parseYaml(renderPath, stdout, { lines: renderLines });
  const roots = parsed.documents.flatMap((d) => (d.root ? [d.root] : []));
  const cms = roots.flatMap((r) => configMapsIn(r));
  const resolve: ConfigMapResolver = (name) => cms.find((c) => c.name === name);
  const rendered = new Map<string, EnvSetting>();
  for (const r of roots) {
    for (const w of workloadsIn(r)) {
      for (const e of containerSettings(w, resolve).env) rendered.set(settingKey(w.kind, w.name, e), e);
    }
  }
  const ours = new Set<string>();
  for (const s of located.settings) {
    const finalName = located.finalNames.get(s)!;
    s.env = s.env.filter((e) => {
      const key = settingKey(e.workload.kind, finalName, e);
      ours.add(key);
      const r = rendered.get(key);
      const where = `${e.workload.kind}/${finalName} container ${e.container}`;
      if (!r) {
        diagnostics.push(noteAt(e, 'render-mismatch', `kustomize build does not set ${e.name} in ${where}; dropped`));
        return false;
      }
      if (r.literal && e.literal && r.value !== e.value) {
        diagnostics.push(noteAt(e, 'render-mismatch', `kustomize build sets ${e.name} to '${r.value}' in ${where}, not '${e.value}'; using the built value`));
        e.value = r.value;
      }
      return true;
    });
  }
  for (const [key, r] of rendered) {
    if (ours.has(key)) continue;
    const logical = [file.path, 'kustomize build', `${r.workload.kind}/${r.workload.name}`, `${r.containerKind} ${r.container}`, `env ${r.name}`];
    const obs = assignmentObservations({
      path: file.path,
      lines: renderLines,
      name: r.name,
      value: r.value,
      valueStart: r.loc.start,
      valueEnd: r.loc.end,
      literal: r.literal,
      ...(r.ref ? { ref: r.ref } : {}),
      origin: 'k8s-env',
      scope: settingScope(r, scope),
      phase: 'run',
      variant,
    }).map((o) => ({ ...o, span: { path: file.path, logical } }));
    if (obs.length > 0) {
      extra.push(...obs);
      diagnostics.push({ path: file.path, severity: 'note', code: 'render-mismatch', message: `kustomize build sets ${r.name} in ${r.workload.kind}/${r.workload.name} container ${r.container}, which godrift could not trace to a source line` });
    }
  }
}

function noteAt(e: EnvSetting, code: string, message: string): Diagnostic {
  const p = e.loc.lines.position(e.loc.start);
  return { path: e.loc.path, line: p.line, column: p.column, severity: 'note', code, message };
}
