// GitLab CI pipelines (.gitlab-ci.yml, *.gitlab-ci.yml and the local files they include):
// global and job `variables`, `script`/`before_script`/`after_script` (through the shared shell
// extractor with an offset map), `image: golang:<tag>` as build-toolchain context, and the job's
// deployment `environment`. Hidden jobs (`.name`) are templates: they are reported through the
// jobs that `extends:` or merge (`<<: *anchor`) them, with spans where the text is written.
import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import { LineIndex } from '../../core/text.js';
import { CONTEXT_VARIABLES, type Diagnostic, type Phase, type ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { nameWords } from '../common/name-words.js';
import type { ExtractShell } from '../shell/extract.js';
import type { Extractor, ExtractResult, SourceContext, SourceFile } from '../types.js';
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

const PIPELINE_PATH = /(^|\/)([^/]*\.)?gitlab-ci\.ya?ml$/;
/** Top-level keys that are not jobs (GitLab CI/CD YAML reference). */
const RESERVED = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec']);
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'lint', 'vet', 'e2e', 'integration', 'unit', 'check', 'race', 'coverage']);
const BUILD_WORDS = new Set(['build', 'builds', 'release', 'publish', 'package', 'goreleaser', 'dist', 'image', 'images', 'docker', 'compile']);
/** `golang:1.22-alpine`, `docker.io/library/golang:1.23`, `mirror.example.com/golang:${GO_VERSION}`. */
const GOLANG_IMAGE = /^(?:[^\s/]+\/)*golang(?::([^@\s]+))?(?:@\S+)?$/;
const MAX_INCLUDE_DEPTH = 10;

export function isGitlabCiPath(path: string): boolean {
  return PIPELINE_PATH.test(path);
}

export function createGitlabCiExtractor(extractShell: ExtractShell | undefined): Extractor {
  return {
    id: 'gitlab-ci',
    matches: (path) => isGitlabCiPath(path),
    extract: (file, context) => extractPipeline(file, context, extractShell),
  };
}

interface Unit {
  path: string;
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  firstErrorOffset: number;
}

interface Ctx {
  pipeline: string;
  shell: ExtractShell | undefined;
  /** Hidden jobs and jobs of every file read for this pipeline, by name, for `extends:`. */
  jobs: Map<string, { unit: Unit; node: YNode }>;
  out: ExtractResult;
  pending: Array<Promise<ExtractResult>>;
}

async function extractPipeline(file: SourceFile, context: SourceContext, shell: ExtractShell | undefined): Promise<ExtractResult> {
  const out: ExtractResult = { observations: [], diagnostics: [] };
  const ctx: Ctx = { pipeline: file.path, shell, jobs: new Map(), out, pending: [] };
  const units: Unit[] = [];
  const seen = new Set<string>([file.path]);
  // `include: local:` paths are relative to the project root. A .gitlab-ci.yml below the scanned
  // root (a vendored or nested project) is its own project's pipeline: its includes are read
  // from its directory first (a scan of a folder of projects warned about every one of them).
  const base = file.path.slice(file.path.lastIndexOf('/') + 1) === '.gitlab-ci.yml' ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
  const load = (path: string, text: string, depth: number): void => {
    const parsed = parseYamlDocuments(path, text);
    out.diagnostics.push(...parsed.diagnostics);
    // A pipeline file may start with a `spec:` header document (CI/CD inputs); the jobs are in the last.
    const doc = parsed.docs[parsed.docs.length - 1];
    if (!doc || !isMap(doc.contents)) return;
    const unit: Unit = { path, text, lines: new LineIndex(text), doc, firstErrorOffset: parsed.firstErrorOffset };
    units.push(unit);
    for (const p of mapPairs(doc, doc.contents as YNode)) {
      const name = keyString(doc, p);
      if (!RESERVED.has(name) && isMap(deref(doc, p.value))) ctx.jobs.set(name, { unit, node: deref(doc, p.value) });
    }
    if (depth >= MAX_INCLUDE_DEPTH) return;
    for (const inc of localIncludes(doc, mapGet(doc, doc.contents as YNode, 'include'), context.allFiles, base)) {
      // Files named *.gitlab-ci.yml are extracted on their own; read them only for `extends:`.
      if (seen.has(inc)) continue;
      seen.add(inc);
      const incText = context.readFile(inc);
      if (incText === undefined) {
        out.diagnostics.push({ path, message: `included file "${inc}" is missing or unreadable`, severity: 'warning', code: 'include-missing' });
        continue;
      }
      load(inc, incText, depth + 1);
    }
  };
  load(file.path, file.text, 0);
  for (const unit of units) {
    if (unit.path !== file.path && isGitlabCiPath(unit.path)) continue;
    const before = out.observations.length;
    pipelineUnit(ctx, unit);
    const facts = out.observations.splice(before);
    out.observations.push(...beforeFirstError(facts, unit.firstErrorOffset));
  }
  for (const r of await Promise.all(ctx.pending)) {
    out.observations.push(...r.observations);
    out.diagnostics.push(...r.diagnostics);
  }
  out.observations.sort((a, b) => (a.span.path === b.span.path ? (a.span.start?.offset ?? 0) - (b.span.start?.offset ?? 0) : a.span.path < b.span.path ? -1 : 1));
  return out;
}

/** `include:` entries that name files in this repository (`local:` or a bare path), globs expanded. */
function localIncludes(doc: Document.Parsed, node: YNode, allFiles: readonly string[], base: string): string[] {
  const items = isSeq(node) ? seqItems(doc, node) : node != null ? [node] : [];
  const out: string[] = [];
  for (const item of items) {
    let path: string | undefined;
    if (isScalar(item)) {
      path = scalarString(item);
      if (/^https?:\/\//.test(path)) continue; // remote include
    } else path = stringOf(doc, mapGet(doc, item, 'local'));
    if (!path || path.includes('$')) continue;
    path = path.replace(/^\/+/, '');
    if (path.includes('*')) {
      const glob = (prefix: string) => {
        const re = new RegExp('^' + escapeRegExp(prefix) + path!.split('**').map((p) => p.split('*').map(escapeRegExp).join('[^/]*')).join('.*') + '$');
        return allFiles.filter((f) => re.test(f)).sort();
      };
      const nested = base ? glob(base) : [];
      out.push(...(nested.length > 0 ? nested : glob('')));
    } else out.push(base && allFiles.includes(base + path) ? base + path : path);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function pipelineUnit(ctx: Ctx, unit: Unit): void {
  const { doc } = unit;
  const root = doc.contents as YNode;
  const scope: ScopeLevel[] = [{ kind: 'pipeline', name: ctx.pipeline }];
  variables(ctx, unit, mapGet(doc, root, 'variables'), scope, 'test');
  const defaults = mapGet(doc, root, 'default');
  const defaultImage = image(ctx, unit, mapGet(doc, defaults, 'image') ?? mapGet(doc, root, 'image'), scope, 'test');
  for (const key of ['before_script', 'after_script']) {
    scripts(ctx, unit, mapGet(doc, defaults, key) ?? mapGet(doc, root, key), scope, 'test', defaultImage);
  }
  for (const p of mapPairs(doc, root)) {
    const name = keyString(doc, p);
    if (RESERVED.has(name) || name.startsWith('.')) continue;
    const job = deref(doc, p.value);
    if (!isMap(job)) continue;
    const chain = extendsChain(ctx, { unit, node: job }, new Set([name]));
    // The last definer of a keyword wins; `variables` merge key by key (GitLab `extends` semantics).
    const last = (key: string) => {
      for (let i = chain.length - 1; i >= 0; i--) {
        const v = mapGet(chain[i]!.unit.doc, chain[i]!.node, key);
        if (v !== undefined) return { unit: chain[i]!.unit, node: v };
      }
      return undefined;
    };
    const stage = stringOf(doc, last('stage')?.node) ?? 'test';
    const phase = jobPhase(name, stage, chain.map((c) => c.unit.text.slice(...nodeRange(c.unit.text, c.node as NonNullable<YNode>))).join('\n'));
    const jobScope: ScopeLevel[] = [...scope, { kind: 'job', name }];
    const env = last('environment');
    const envName = env && (isScalar(env.node) ? scalarString(env.node) : stringOf(env.unit.doc, mapGet(env.unit.doc, env.node, 'name')));
    if (envName) jobScope.push({ kind: 'deployment-environment', name: envName });
    const img = last('image');
    const goVersion = img ? image(ctx, img.unit, img.node, jobScope, phase) : defaultImage;
    const vars = new Map<string, { unit: Unit; pair: ReturnType<typeof mapPairs>[number] }>();
    for (const c of chain) for (const vp of mapPairs(c.unit.doc, mapGet(c.unit.doc, c.node, 'variables'))) vars.set(keyString(c.unit.doc, vp), { unit: c.unit, pair: vp });
    for (const { unit: u, pair } of vars.values()) variable(ctx, u, pair, jobScope, phase, goVersion);
    for (const key of ['before_script', 'script', 'after_script']) {
      const s = last(key);
      if (s) scripts(ctx, s.unit, s.node, jobScope, phase, goVersion);
    }
  }
}

/** The job and what it extends, outermost template first (cycles and unknown names ignored). */
function extendsChain(ctx: Ctx, job: { unit: Unit; node: YNode }, visiting: Set<string>): Array<{ unit: Unit; node: YNode }> {
  const { doc } = job.unit;
  const ext = mapGet(doc, job.node, 'extends');
  const names = isSeq(ext) ? seqItems(doc, ext).map((n) => stringOf(doc, n)) : [stringOf(doc, ext)];
  const out: Array<{ unit: Unit; node: YNode }> = [];
  for (const n of names) {
    if (!n || visiting.has(n)) continue;
    const t = ctx.jobs.get(n);
    if (!t) continue;
    out.push(...extendsChain(ctx, t, new Set([...visiting, n])));
  }
  out.push(job);
  return out;
}

function variables(ctx: Ctx, unit: Unit, node: YNode, scope: ScopeLevel[], phase: Phase, goVersion?: string): void {
  for (const pair of mapPairs(unit.doc, node)) variable(ctx, unit, pair, scope, phase, goVersion);
}

/** One `NAME: value` or `NAME: {value, description, expand}` variable. */
function variable(ctx: Ctx, unit: Unit, pair: ReturnType<typeof mapPairs>[number], scope: ScopeLevel[], phase: Phase, goVersion?: string): void {
  const { doc } = unit;
  const name = keyString(doc, pair);
  let v = deref(doc, pair.value);
  let expand = true;
  if (isMap(v)) {
    const e = mapGet(doc, v, 'expand');
    if (isScalar(e) && e.value === false) expand = false;
    v = mapGet(doc, v, 'value');
  }
  if (!isScalar(v)) return;
  const value = scalarString(v);
  const [start, end] = nodeRange(unit.text, v);
  // GitLab expands `$VAR` / `${VAR}` in variable values unless `expand: false`; `$$` is a literal `$`.
  const literal = !expand || !/\$(?!\$)/.test(value.replace(/\$\$/g, ''));
  ctx.out.observations.push(
    ...assignmentObservations({
      path: unit.path,
      lines: unit.lines,
      name,
      value,
      valueStart: start,
      valueEnd: end,
      literal,
      origin: 'gitlab-variables',
      scope,
      phase,
      ...(goVersion !== undefined ? { goVersion } : {}),
    }),
  );
}

/** `image: golang:<tag>` → @build-toolchain; returns the Go version in force when the tag says it. */
function image(ctx: Ctx, unit: Unit, node: YNode, scope: ScopeLevel[], phase: Phase): string | undefined {
  const { doc } = unit;
  const n = isMap(node) ? mapGet(doc, node, 'name') : node;
  if (!isScalar(n)) return undefined;
  const ref = scalarString(n).trim();
  const m = GOLANG_IMAGE.exec(ref);
  if (!m || m[1] === undefined) return undefined;
  const tag = m[1];
  const [start, end] = nodeRange(unit.text, n);
  const written = unit.text.slice(start, end);
  const at = written.lastIndexOf(':' + tag);
  const s = at >= 0 ? start + at + 1 : start;
  const e = at >= 0 ? s + tag.length : end;
  const literal = !tag.includes('$');
  ctx.out.observations.push({
    variable: CONTEXT_VARIABLES.buildToolchain,
    key: null,
    value: { text: tag, literal },
    span: unit.lines.span(unit.path, s, e),
    origin: 'gitlab-variables',
    scope,
    phase,
  });
  return literal ? /^(\d+\.\d+(?:\.\d+)?(?:rc\d+)?)/.exec(tag)?.[1] : undefined;
}

/** A script keyword: one string or a list of strings (each list item is a separate command line). */
function scripts(ctx: Ctx, unit: Unit, node: YNode, scope: ScopeLevel[], phase: Phase, goVersion: string | undefined): void {
  if (!ctx.shell || node == null) return;
  const items: Scalar[] = [];
  const collect = (n: YNode, depth: number): void => {
    const d = deref(unit.doc, n);
    if (isScalar(d)) items.push(d);
    // Nested lists (from anchors, `- *setup`) are flattened by GitLab.
    else if (isSeq(d) && depth < 5) {
      if (d.tag === '!reference') return; // resolved by GitLab at run time; see README
      for (const i of d.items) collect(i as YNode, depth + 1);
    }
  };
  collect(node, 0);
  for (const item of items) {
    const mapping = scalarMapping(unit.text, item);
    const { path, lines } = unit;
    ctx.pending.push(
      ctx.shell(mapping.value, {
        path,
        lines,
        mapOffset: mapping.map,
        scope,
        phase,
        origin: 'gitlab-script',
        ...(goVersion !== undefined ? { goVersion } : {}),
      }).then(
        (r) => ({ observations: beforeFirstError(r.observations, unit.firstErrorOffset), diagnostics: r.diagnostics }),
        (err: unknown): ExtractResult => {
          const at = lines.position(mapping.map(0));
          const d: Diagnostic = { path, line: at.line, column: at.column, message: `shell extractor failed: ${String(err)}`, severity: 'warning', code: 'shell-error' };
          return { observations: [], diagnostics: [d] };
        },
      ),
    );
  }
}

function jobPhase(name: string, stage: string, jobText: string): Phase {
  if (/\bgo\s+test\b|\bgotestsum\b/.test(jobText)) return 'test';
  const w = [...nameWords(name), ...nameWords(stage)];
  if (w.some((x) => TEST_WORDS.has(x))) return 'test';
  if (w.some((x) => BUILD_WORDS.has(x))) return 'build';
  return 'test';
}

