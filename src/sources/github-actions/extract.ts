// GitHub Actions workflows (.github/workflows/*.yml) and composite/docker actions (action.yml):
// `env:` at workflow, job, job container, service and step level; `run:` scripts (handed to the
// shared shell extractor with an offset map); `actions/setup-go` versions as build-toolchain context.
// Knows syntax only: precedence between the levels is the resolver's job (scope depth says it).
import { isScalar, isMap, type Document, type Scalar } from 'yaml';
import { LineIndex } from '../../core/text.js';
import { CONTEXT_VARIABLES, type Observation, type Phase, type ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { nameWords } from '../common/name-words.js';
import type { ExtractShell } from '../shell/extract.js';
import type { Extractor, ExtractResult, SourceFile } from '../types.js';
import {
  beforeFirstError,
  deref,
  keyString,
  mapGet,
  mapPairs,
  nodeRange,
  parseYamlDocuments,
  scalarMapping,
  scalarString,
  seqItems,
  stringOf,
  type YNode,
} from '../yaml-common/nodes.js';

const WORKFLOW_PATH = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION_PATH = /(^|\/)action\.ya?ml$/;

/** Job/step names whose words say "this is CI testing" (brief: test/ci/lint). */
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'lint', 'vet', 'e2e', 'integration', 'unit', 'check', 'checks', 'race', 'coverage']);
/** Job/step names whose words say "this builds what ships". */
const BUILD_WORDS = new Set(['build', 'builds', 'release', 'releases', 'publish', 'goreleaser', 'package', 'dist', 'image', 'images', 'docker']);
/** Shells whose scripts the POSIX shell extractor must not read. */
const NON_POSIX_SHELLS = /^(pwsh|powershell|cmd|python)\b/;

/** `${{ matrix.go }}` as a whole value: the matrix key it names. */
const MATRIX_REF = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$/;

export function isGithubActionsPath(path: string): boolean {
  return WORKFLOW_PATH.test(path) || ACTION_PATH.test(path);
}

/** Builds the extractor around a shell extractor (injected so tests can run without it). */
export function createGithubActionsExtractor(extractShell: ExtractShell | undefined): Extractor {
  return {
    id: 'github-actions',
    matches: (path) => isGithubActionsPath(path),
    extract: (file) => extractGithubActions(file, extractShell),
  };
}

interface Ctx {
  file: SourceFile;
  doc: Document.Parsed;
  lines: LineIndex;
  shell: ExtractShell | undefined;
  out: ExtractResult;
  /** Shell runs to await (kept in file order). */
  pending: Array<Promise<ExtractResult>>;
}

async function extractGithubActions(file: SourceFile, shell: ExtractShell | undefined): Promise<ExtractResult> {
  const out: ExtractResult = { observations: [], diagnostics: [] };
  const { docs, diagnostics, firstErrorOffset } = parseYamlDocuments(file.path, file.text);
  out.diagnostics.push(...diagnostics);
  const lines = new LineIndex(file.text);
  const doc = docs[0];
  if (!doc || !isMap(doc.contents)) return out;
  const ctx: Ctx = { file, doc, lines, shell, out, pending: [] };
  const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (WORKFLOW_PATH.test(file.path)) workflow(ctx, fileName);
  else action(ctx);
  for (const r of await Promise.all(ctx.pending)) {
    out.observations.push(...r.observations);
    out.diagnostics.push(...r.diagnostics);
  }
  // File order (stable): levels are visited outside-in, but readers review facts top to bottom.
  out.observations = beforeFirstError(out.observations, firstErrorOffset).sort(
    (a, b) => (a.span.start?.offset ?? 0) - (b.span.start?.offset ?? 0),
  );
  return out;
}

function workflow(ctx: Ctx, fileName: string): void {
  const { doc } = ctx;
  const root = doc.contents as YNode;
  const wfName = stringOf(doc, mapGet(doc, root, 'name')) || fileName;
  const wfScope: ScopeLevel[] = [{ kind: 'workflow', name: wfName }];
  const jobs = mapPairs(doc, mapGet(doc, root, 'jobs'));
  const jobPhases = jobs.map((p) => jobPhase(ctx, keyString(doc, p), deref(doc, p.value)));
  // Workflow env reaches every job: a build-only workflow (release.yml) is build, else test.
  const wfPhase: Phase = jobPhases.length > 0 && jobPhases.every((p) => p === 'build') ? 'build' : 'test';
  env(ctx, mapGet(doc, root, 'env'), wfScope, wfPhase);
  const wfShell = stringOf(doc, mapGet(doc, mapGet(doc, mapGet(doc, root, 'defaults'), 'run'), 'shell'));
  jobs.forEach((pair, i) => {
    const jobId = keyString(doc, pair);
    const job = deref(doc, pair.value);
    if (!isMap(job)) return;
    const phase = jobPhases[i]!;
    const scope: ScopeLevel[] = [...wfScope, { kind: 'job', name: jobId }];
    const deployment = deploymentEnvironment(ctx, mapGet(doc, job, 'environment'));
    if (deployment) scope.push({ kind: 'deployment-environment', name: deployment });
    env(ctx, mapGet(doc, job, 'env'), scope, phase);
    const container = mapGet(doc, job, 'container');
    env(ctx, mapGet(doc, container, 'env'), [...scope, { kind: 'container', name: stringOf(doc, mapGet(doc, container, 'image')) ?? 'job-container' }], phase);
    for (const svc of mapPairs(doc, mapGet(doc, job, 'services'))) {
      env(ctx, mapGet(doc, deref(doc, svc.value), 'env'), [...scope, { kind: 'service', name: keyString(doc, svc) }], phase);
    }
    const runsOn = stringOf(doc, mapGet(doc, job, 'runs-on')) ?? '';
    const jobShell =
      stringOf(doc, mapGet(doc, mapGet(doc, mapGet(doc, job, 'defaults'), 'run'), 'shell')) ?? wfShell ?? (/windows/i.test(runsOn) ? 'pwsh' : undefined);
    steps(ctx, mapGet(doc, job, 'steps'), scope, phase, jobShell, mapGet(doc, mapGet(doc, job, 'strategy'), 'matrix'));
  });
}

/** Composite actions (`runs.steps`) and docker actions (`runs.env`). */
function action(ctx: Ctx): void {
  const { doc, file } = ctx;
  const root = doc.contents as YNode;
  const runs = mapGet(doc, root, 'runs');
  if (!isMap(runs)) return;
  const scope: ScopeLevel[] = [{ kind: 'action', name: stringOf(doc, mapGet(doc, root, 'name')) || file.path }];
  env(ctx, mapGet(doc, runs, 'env'), scope, 'test');
  steps(ctx, mapGet(doc, runs, 'steps'), scope, 'test', undefined, undefined);
}

function steps(ctx: Ctx, node: YNode, parentScope: ScopeLevel[], jobPhaseValue: Phase, shell: string | undefined, matrix: YNode): void {
  const { doc } = ctx;
  let goVersion: string | undefined;
  seqItems(doc, node).forEach((step, i) => {
    if (!isMap(step)) return;
    const name = stringOf(doc, mapGet(doc, step, 'name')) || stringOf(doc, mapGet(doc, step, 'id')) || `#${i + 1}`;
    const scope: ScopeLevel[] = [...parentScope, { kind: 'step', name }];
    const runNode = mapGet(doc, step, 'run');
    const run = stringOf(doc, runNode);
    const phase = run !== undefined ? scriptPhase(run) ?? jobPhaseValue : jobPhaseValue;
    env(ctx, mapGet(doc, step, 'env'), scope, phase, goVersion);
    const uses = stringOf(doc, mapGet(doc, step, 'uses'));
    if (uses !== undefined && /^actions\/setup-go@/i.test(uses.trim())) {
      const found = setupGo(ctx, mapGet(doc, step, 'with'), scope, jobPhaseValue, matrix);
      // A single literal version is in force for the steps after it.
      if (found.length === 1 && found[0]!.value.literal) goVersion = found[0]!.value.text;
      else if (found.length > 0) goVersion = undefined;
    }
    if (isScalar(runNode)) {
      const stepShell = stringOf(doc, mapGet(doc, step, 'shell')) ?? shell;
      if (stepShell !== undefined && NON_POSIX_SHELLS.test(stepShell.trim())) return;
      runScript(ctx, runNode as Scalar, scope, phase, goVersion);
    }
  });
}

/** `env:` mapping → one assignment per key. An `env: ${{ fromJSON(…) }}` expression yields nothing. */
function env(ctx: Ctx, node: YNode, scope: ScopeLevel[], phase: Phase, goVersion?: string): void {
  const { doc, file, lines } = ctx;
  for (const pair of mapPairs(doc, node)) {
    const name = keyString(doc, pair);
    const v = deref(doc, pair.value);
    let value = '';
    let start: number;
    let end: number;
    if (isScalar(v)) {
      value = scalarString(v);
      [start, end] = nodeRange(file.text, v);
    } else if (v == null) {
      // `GOGC:` with no value: an empty string. Span: the key.
      const k = deref(doc, pair.key);
      [start, end] = k ? nodeRange(file.text, k) : [0, 0];
    } else continue;
    ctx.out.observations.push(
      ...assignmentObservations({
        path: file.path,
        lines,
        name,
        value,
        valueStart: start,
        valueEnd: end,
        literal: !value.includes('${{'),
        origin: 'actions-env',
        scope,
        phase,
        ...(goVersion !== undefined ? { goVersion } : {}),
      }),
    );
  }
}

function setupGo(ctx: Ctx, withNode: YNode, scope: ScopeLevel[], phase: Phase, matrix: YNode): Observation[] {
  const { doc, file, lines } = ctx;
  const found: Observation[] = [];
  const base = { variable: CONTEXT_VARIABLES.buildToolchain, key: null, origin: 'actions-setup-go' as const, scope, phase };
  const versionNode = mapGet(doc, withNode, 'go-version');
  if (isScalar(versionNode)) {
    const text = scalarString(versionNode);
    const ref = MATRIX_REF.exec(text.trim());
    const matrixValues = ref ? matrixScalars(ctx, matrix, ref[1]!) : undefined;
    if (matrixValues && matrixValues.length > 0) {
      for (const m of matrixValues) {
        const [s, e] = nodeRange(file.text, m);
        const t = scalarString(m);
        found.push({ ...base, value: { text: t, literal: !t.includes('${{') }, span: lines.span(file.path, s, e) });
      }
    } else {
      const [s, e] = nodeRange(file.text, versionNode);
      found.push({ ...base, value: { text, literal: !text.includes('${{') }, span: lines.span(file.path, s, e) });
    }
  }
  const fileNode = mapGet(doc, withNode, 'go-version-file');
  if (isScalar(fileNode)) {
    const path = scalarString(fileNode);
    const [s, e] = nodeRange(file.text, fileNode);
    found.push({ ...base, value: { text: `file:${path}`, literal: false, ref: { kind: 'file', path } }, span: lines.span(file.path, s, e) });
  }
  ctx.out.observations.push(...found);
  return found;
}

/**
 * Literal values of `strategy.matrix.<key>` (a list or a single scalar) plus `include:` entries
 * that set the key. undefined when the matrix (or the key) is itself an expression.
 */
function matrixScalars(ctx: Ctx, matrix: YNode, key: string): Scalar[] | undefined {
  const { doc } = ctx;
  if (!isMap(matrix)) return undefined;
  const out: Scalar[] = [];
  const direct = mapGet(doc, matrix, key);
  if (isScalar(direct)) {
    if (scalarString(direct).includes('${{')) return undefined;
    out.push(direct);
  } else if (direct != null) {
    for (const item of seqItems(doc, direct)) if (isScalar(item)) out.push(item);
  }
  for (const inc of seqItems(doc, mapGet(doc, matrix, 'include'))) {
    const v = mapGet(doc, inc, key);
    if (isScalar(v)) out.push(v);
  }
  return out;
}

function runScript(ctx: Ctx, node: Scalar, scope: ScopeLevel[], phase: Phase, goVersion: string | undefined): void {
  if (!ctx.shell) return;
  const mapping = scalarMapping(ctx.file.text, node);
  const masked = maskExpressions(mapping.value);
  const { file, lines } = ctx;
  ctx.pending.push(
    ctx.shell(masked.script, {
      path: file.path,
      lines,
      mapOffset: mapping.map,
      scope,
      phase,
      origin: 'actions-run',
      ...(goVersion !== undefined ? { goVersion } : {}),
    }).then(
      (r) => ({ observations: r.observations.map((o) => unmask(o, masked.masks)), diagnostics: r.diagnostics }),
      (err: unknown): ExtractResult => {
        const at = lines.position(mapping.map(0));
        return {
          observations: [],
          diagnostics: [
            { path: file.path, line: at.line, column: at.column, message: `shell extractor failed: ${String(err)}`, severity: 'warning', code: 'shell-error' },
          ],
        };
      },
    ),
  );
}

/**
 * GitHub substitutes `${{ … }}` before the shell runs; a POSIX parser would choke on `${{`.
 * Each expression is replaced by a same-length parameter expansion (`${_gh0____}`), which the
 * shell extractor treats as non-literal, and restored in the facts' values afterwards.
 */
export function maskExpressions(script: string): { script: string; masks: Map<string, string> } {
  const masks = new Map<string, string>();
  let k = 0;
  const masked = script.replace(/\$\{\{[\s\S]*?\}\}/g, (expr) => {
    const inner = `_gh${(k++).toString(36)}`.padEnd(expr.length - 3, '_').slice(0, expr.length - 3);
    const mask = `\${${inner}}`;
    masks.set(mask, expr);
    return mask;
  });
  return { script: masked, masks };
}

function unmask(o: Observation, masks: Map<string, string>): Observation {
  if (masks.size === 0) return o;
  let text = o.value.text;
  for (const [mask, expr] of masks) text = text.split(mask).join(expr);
  return text === o.value.text ? o : { ...o, value: { ...o.value, text, literal: false } };
}

function deploymentEnvironment(ctx: Ctx, node: YNode): string | undefined {
  if (isScalar(node)) return scalarString(node) || undefined;
  return stringOf(ctx.doc, mapGet(ctx.doc, node, 'name')) || undefined;
}

/** `go test` in a script → test; a build/release command → build; else undefined (inherit). */
function scriptPhase(script: string): Phase | undefined {
  if (/\bgo\s+test\b|\bgotestsum\b|\bginkgo\b/.test(script)) return 'test';
  if (/\bgo\s+build\b|\bgoreleaser\b|\bko\s+(build|publish)\b|\bdocker\s+(buildx\s+)?build\b/.test(script)) return 'build';
  return undefined;
}

function jobPhase(ctx: Ctx, jobId: string, job: YNode): Phase {
  const { doc } = ctx;
  for (const step of seqItems(doc, mapGet(doc, job, 'steps'))) {
    const run = stringOf(doc, mapGet(doc, step, 'run'));
    if (run !== undefined && /\bgo\s+test\b/.test(run)) return 'test';
  }
  const w = [...nameWords(jobId), ...nameWords(stringOf(doc, mapGet(doc, job, 'name')) ?? '')];
  if (w.some((x) => TEST_WORDS.has(x))) return 'test';
  if (w.some((x) => BUILD_WORDS.has(x))) return 'build';
  return 'test';
}
