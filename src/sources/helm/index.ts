// Helm charts. One extraction per chart, triggered by its Chart.yaml: values files (literal Go
// settings anywhere in the tree, resource limits), templates (literal env entries, and entries that
// read `.Values.x.y`, resolved against every values file), and — when a helm binary is available —
// one `helm template` render per values file whose env entries are mapped back onto the values
// file or template line that produced them. See README.md for what is and is not covered.
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { join } from 'node:path';
import { LineIndex } from '../../core/text.js';
import { CONTEXT_VARIABLES, type Diagnostic, type Observation, type ScopeLevel, type ValueRef } from '../../core/types.js';
import { isTrackedVariable } from '../../knowledge/variables.js';
import { assignmentObservations } from '../common/assignments.js';
import { filesWithPrefix } from '../common/file-index.js';
import { oncePerScan } from '../common/executables.js';
import { refText } from '../common/value-ref.js';
import type { Extractor, ExtractResult, SourceContext, SourceFile } from '../types.js';
import {
  beforeFirstError,
  deref,
  keyString,
  mapGet,
  mapPairs,
  nodeRange,
  parseYamlDocuments,
  scalarString,
  seqItems,
  stringOf,
  type YNode,
} from '../yaml-common/nodes.js';
import { findHelm, renderChart } from './render.js';
import { parseTemplate, type ParsedTemplate, type TemplateEnv } from './templates.js';
import { entryObservations, envEntry, hasTemplateExpression, isValuesFileName, resourceFacts, valueFromRef, valuesFacts, valuesLookup, valuesVariant, type ValuesFile } from './values.js';

export { isValuesFileName, valuesVariant } from './values.js';
export { maskTemplate, valuesReference } from './templates.js';
export { findHelm } from './render.js';

export interface HelmOptions {
  /** Path of the helm binary. `null` disables rendering; undefined: GODRIFT_HELM, else `helm` on PATH. */
  helm?: string | null;
  /**
   * Extra values files (repository-relative), as given with `--values`; each is one more variant
   * of every chart (rendered as `-f <file>` on top of the chart's values.yaml).
   */
  valuesFiles?: readonly string[];
}

/** Builds a Helm extractor (the CLI passes --values files and the helm binary here). */
export function createHelmExtractor(options: HelmOptions = {}): Extractor {
  return {
    id: 'helm',
    matches: (path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml'),
    extract: (file, context) => extractChart(file, context, options),
  };
}

/** Helm charts with defaults: helm from GODRIFT_HELM or PATH when present, no extra values files. */
export const helmExtractor: Extractor = createHelmExtractor();

interface Chart {
  name: string;
  /** Repository-relative directory with a trailing `/` ('' at the root). */
  prefix: string;
  values: ValuesFile[];
  templates: ParsedTemplate[];
}

async function extractChart(file: SourceFile, context: SourceContext, options: HelmOptions): Promise<ExtractResult> {
  const diagnostics: Diagnostic[] = [];
  const prefix = file.path.slice(0, file.path.length - 'Chart.yaml'.length);
  const chartMeta = parseYamlDocuments(file.path, file.text);
  diagnostics.push(...chartMeta.diagnostics);
  const metaDoc = chartMeta.docs[0];
  const dirName = prefix.replace(/\/$/, '').split('/').pop() || 'chart';
  const name = (metaDoc && stringOf(metaDoc, mapGet(metaDoc, metaDoc.contents as YNode, 'name'))) || dirName;

  const valuesPaths = filesWithPrefix(context.allFiles, prefix).filter((p) => !p.slice(prefix.length).includes('/') && isValuesFileName(p.slice(prefix.length)));
  for (const extra of options.valuesFiles ?? []) if (!valuesPaths.includes(extra)) valuesPaths.push(extra);
  const values: ValuesFile[] = [];
  for (const path of sortValues(valuesPaths, prefix)) {
    const text = context.readFile(path);
    if (text === undefined) {
      diagnostics.push({ path, message: `cannot read values file "${path}"`, severity: 'error', code: 'unreadable' });
      continue;
    }
    const parsed = parseYamlDocuments(path, text);
    diagnostics.push(...parsed.diagnostics);
    const base = path.slice(prefix.length);
    values.push({
      path,
      variant: valuesVariant(path),
      isChartDefault: path.startsWith(prefix) && /^values\.ya?ml$/.test(base),
      text,
      lines: new LineIndex(text),
      doc: parsed.docs[0],
      firstErrorOffset: parsed.firstErrorOffset,
    });
  }

  const templates: ParsedTemplate[] = [];
  for (const path of filesWithPrefix(context.allFiles, prefix + 'templates/')) {
    if (!/\.ya?ml$/.test(path)) continue;
    const text = context.readFile(path);
    if (text === undefined) continue;
    const t = parseTemplate(path, text);
    diagnostics.push(...t.diagnostics);
    templates.push(t);
  }
  const chart: Chart = { name, prefix, values, templates };

  const walk = values.flatMap((v) => beforeFirstError(valuesFacts(v, [chartScope(chart), valuesScope(chart, v)]), v.firstErrorOffset));
  const templateLevel: Observation[] = [];
  for (const t of templates) {
    for (const e of t.env) if (e.kind !== 'values') templateLevel.push(...templateEntryFacts(chart, t, e));
    for (const r of t.resources) {
      templateLevel.push(
        ...resourceFacts({ path: t.path, text: t.text, lines: t.lines, doc: r.doc }, r.node, {
          path: t.path,
          lines: t.lines,
          origin: 'helm-template',
          scope: templateScope(chart, t, r.container),
          phase: 'run',
        }).filter((o) => o.value.literal),
      );
    }
    // Resources written by a template action: limits that only a render with the right values
    // shows. Kept as non-literal facts so rules know a limit may exist instead of assuming none.
    for (const g of t.generatedResources) {
      for (const variable of [CONTEXT_VARIABLES.limitsMemory, CONTEXT_VARIABLES.limitsCpu]) {
        templateLevel.push({
          variable,
          key: null,
          value: { text: g.expression, literal: false },
          span: t.lines.span(t.path, g.start, g.end),
          origin: 'helm-template',
          scope: templateScope(chart, t, g.container),
          phase: 'run',
        });
      }
    }
  }

  const helm = options.helm === null ? undefined : (options.helm ?? oncePerScan(context.allFiles, 'helm', () => findHelm()));
  const resolved: Observation[] = [];
  if (helm) {
    const root = file.absolutePath.slice(0, file.absolutePath.length - file.path.length);
    const chartDir = join(root, prefix || '.');
    const variants: Array<ValuesFile | undefined> = values.length > 0 ? values : [undefined];
    let anyFailed = false;
    for (const v of variants) {
      const layers = v && !v.isChartDefault ? [join(root, v.path)] : [];
      const result = await renderChart(helm, chartDir, layers);
      if (!result.ok) {
        anyFailed = true;
        diagnostics.push({
          path: v?.path ?? file.path,
          message: `helm template failed for chart "${chart.name}" with ${v ? `"${v.path}"` : 'its defaults'}: ${result.message}; its settings were read statically only`,
          severity: 'error',
          code: 'render-failed',
        });
        if (v) resolved.push(...staticValuesFacts(chart, v));
        continue;
      }
      resolved.push(...renderedFacts(chart, v, result.stdout, diagnostics, file.path));
    }
    // Template-level facts are in the renders; keep the static ones only when a render failed.
    if (anyFailed) resolved.push(...templateLevel, ...unresolvedValuesFacts(chart));
  } else {
    resolved.push(...templateLevel);
    for (const v of values) resolved.push(...staticValuesFacts(chart, v));
    resolved.push(...unresolvedValuesFacts(chart));
  }

  // A values fact that a template resolution or render already reports (same place, same
  // variant) is dropped: the resolved one also says which template and container use it.
  const taken = new Set(resolved.map(factKey));
  const observations = [...walk.filter((o) => !taken.has(factKey(o))), ...resolved].sort(compareFacts);
  return { observations, diagnostics };
}

function sortValues(paths: string[], prefix: string): string[] {
  const rank = (p: string) => (p.startsWith(prefix) && /^values\.ya?ml$/.test(p.slice(prefix.length)) ? 0 : p.startsWith(prefix) ? 1 : 2);
  return [...paths].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function chartScope(chart: Chart): ScopeLevel {
  return { kind: 'chart', name: chart.name };
}

function valuesScope(chart: Chart, v: ValuesFile): ScopeLevel {
  return { kind: 'values', name: v.path.startsWith(chart.prefix) ? v.path.slice(chart.prefix.length) : v.path };
}

function templateScope(chart: Chart, t: { path: string }, container: string | undefined, v?: ValuesFile): ScopeLevel[] {
  return [
    chartScope(chart),
    ...(v ? [valuesScope(chart, v)] : []),
    { kind: 'template', name: t.path.slice(chart.prefix.length) },
    ...(container !== undefined ? [{ kind: 'container', name: container }] : []),
  ];
}

/** Literal, valueFrom and unresolvable-expression entries of a template (apply to every variant). */
function templateEntryFacts(chart: Chart, t: ParsedTemplate, e: TemplateEnv, v?: ValuesFile): Observation[] {
  const base = { path: t.path, lines: t.lines, origin: 'helm-template' as const, scope: templateScope(chart, t, e.container, v), phase: 'run' as const, ...(v ? { variant: v.variant } : {}) };
  if (e.kind === 'expression') {
    return assignmentObservations({ ...base, name: e.name, value: e.text, valueStart: e.start, valueEnd: e.end, literal: false });
  }
  const doc = t.docs.find((d) => d.range[0] <= e.start && e.start <= d.range[2]);
  return entryObservations({ path: t.path, text: t.text, lines: t.lines, doc }, e.entry, base, e.container);
}

/** Entries reading `.Values.x.y`, resolved against one values file: the span is in the values file. */
function staticValuesFacts(chart: Chart, v: ValuesFile): Observation[] {
  const out: Observation[] = [];
  for (const t of chart.templates) {
    for (const e of t.env) {
      if (e.kind !== 'values' || !e.valuesPath) continue;
      const node = valuesLookup(v, e.valuesPath);
      if (!node) continue;
      const text = scalarString(node);
      const [start, end] = nodeRange(v.text, node);
      out.push(
        ...assignmentObservations({
          path: v.path,
          lines: v.lines,
          name: e.name,
          value: text,
          valueStart: start,
          valueEnd: end,
          literal: !hasTemplateExpression(text),
          origin: 'helm-values',
          scope: templateScope(chart, t, e.container, v),
          phase: 'run',
          variant: v.variant,
        }),
      );
    }
  }
  return out;
}

/**
 * `.Values` entries the chart's values.yaml does not define: the `default "…"` literal when there
 * is one (it is what every variant without its own value gets), else a non-literal fact at the
 * template, so the setting is never reported as absent nor as a made-up literal.
 */
function unresolvedValuesFacts(chart: Chart): Observation[] {
  const out: Observation[] = [];
  const chartDefault = chart.values.find((v) => v.isChartDefault);
  for (const t of chart.templates) {
    for (const e of t.env) {
      if (e.kind !== 'values' || !e.valuesPath) continue;
      if (chartDefault && valuesLookup(chartDefault, e.valuesPath)) continue;
      const base = { path: t.path, lines: t.lines, origin: 'helm-template' as const, scope: templateScope(chart, t, e.container), phase: 'run' as const, name: e.name };
      if (e.defaultLiteral) {
        out.push(...assignmentObservations({ ...base, value: e.defaultLiteral.text, valueStart: e.defaultLiteral.start, valueEnd: e.defaultLiteral.end }));
      } else if (!chart.values.some((v) => valuesLookup(v, e.valuesPath!))) {
        out.push(...assignmentObservations({ ...base, value: e.text, valueStart: e.start, valueEnd: e.end, literal: false }));
      }
    }
  }
  return out;
}

/** One env entry of a rendered manifest. */
interface RenderedEnv {
  template: string;
  container?: string;
  name: string;
  value: string;
  ref?: ValueRef;
}

/**
 * Facts from one render. The rendered value is the truth; its span comes from the static mapping:
 * the values file (this variant's, then the chart's values.yaml, as Helm layers them) when it
 * holds exactly that value, else the template's own value, else the template line that names the
 * variable, else a logical span.
 */
function renderedFacts(chart: Chart, v: ValuesFile | undefined, stdout: string, diagnostics: Diagnostic[], chartPath: string): Observation[] {
  const rendered: RenderedEnv[] = [];
  // Helm writes `---\n# Source: <chart>/templates/x.yaml` before each manifest.
  for (const chunk of stdout.split(/^---[ \t]*$/m)) {
    if (chunk.trim() === '') continue;
    let doc: Document.Parsed;
    try {
      doc = parseDocument(chunk) as Document.Parsed;
    } catch (err) {
      diagnostics.push({ path: v?.path ?? chartPath, message: `cannot read helm's output: ${String(err)}`, severity: 'error', code: 'render-failed' });
      continue;
    }
    const source = /^# Source:\s*(\S+)/m.exec(chunk)?.[1];
    // `<chart>/templates/x.yaml` → repository path of the template (subcharts: `<chart>/charts/…`).
    const template = source ? chart.prefix + source.slice(source.indexOf('/') + 1) : chartPath;
    const walk = (node: YNode, container: string | undefined): void => {
      const n = deref(doc, node);
      if (isMap(n)) {
        const nameNode = mapGet(doc, n, 'name');
        const here = isScalar(nameNode) && mapGet(doc, n, 'image') != null ? scalarString(nameNode) : container;
        for (const p of mapPairs(doc, n)) walk(p.value, here);
      } else if (isSeq(n)) {
        for (const item of seqItems(doc, n)) {
          const e = envEntry(doc, item);
          if (!e) {
            walk(item, container);
            continue;
          }
          const ref = e.valueFrom != null ? valueFromRef(doc, e.valueFrom, container) : undefined;
          rendered.push({
            template,
            ...(container !== undefined ? { container } : {}),
            name: e.name,
            value: e.value ? String(e.value.value ?? '') : '',
            ...(ref ? { ref } : {}),
          });
        }
      }
    };
    walk(doc.contents as YNode, undefined);
  }
  const chartDefault = chart.values.find((x) => x.isChartDefault);
  const layers = [v, chartDefault].filter((x, i, a): x is ValuesFile => x !== undefined && a.indexOf(x) === i);
  const out: Observation[] = [];
  for (const r of rendered) {
    const t = chart.templates.find((x) => x.path === r.template);
    // The template entry that produced this one: same name (and container), and a kind that can
    // render to it; a loop over a values map produces entries no single template line holds.
    const named = t?.env.filter((e) => e.name === r.name) ?? [];
    const sameContainer = named.filter((e) => e.container === r.container);
    const fits = (e: TemplateEnv) => (r.ref ? e.kind === 'valueFrom' : e.kind !== 'valueFrom' && (e.kind !== 'literal' || e.text === r.value));
    const s = (sameContainer.length > 0 ? sameContainer : named).find(fits);
    let at: { path: string; text: string; lines: LineIndex; start: number; end: number } | undefined;
    if (s?.kind === 'values' && s.valuesPath) {
      for (const layer of layers) {
        const node = valuesLookup(layer, s.valuesPath);
        if (node && scalarString(node) === r.value) {
          const [start, end] = nodeRange(layer.text, node);
          at = { path: layer.path, text: layer.text, lines: layer.lines, start, end };
          break;
        }
        if (node) break; // this layer wins in Helm's merge, but renders differently (a function changed it)
      }
      if (!at && s.defaultLiteral && s.defaultLiteral.text === r.value && t) at = { ...t, start: s.defaultLiteral.start, end: s.defaultLiteral.end };
    }
    if (!at && !s) {
      for (const layer of layers) {
        const found = findLiteralAssignment(layer, r.name, r.value);
        if (found) {
          at = { path: layer.path, text: layer.text, lines: layer.lines, start: found[0], end: found[1] };
          break;
        }
      }
    }
    if (!at && s && t) at = { ...t, start: s.start, end: s.end };
    if (!at && t) {
      const i = t.text.indexOf(r.name);
      if (i >= 0) at = { ...t, start: i, end: i + r.name.length };
    }
    const isValues = at !== undefined && chart.values.some((x) => x.path === at!.path);
    const scope = templateScope(chart, { path: r.template }, r.container, v);
    const facts = assignmentObservations({
      path: at?.path ?? r.template,
      lines: at?.lines ?? new LineIndex(''),
      name: r.name,
      value: r.ref ? refText(r.ref) : r.value,
      valueStart: at?.start ?? 0,
      valueEnd: at?.end ?? 0,
      literal: r.ref === undefined,
      ...(r.ref ? { ref: r.ref } : {}),
      origin: isValues ? 'helm-values' : 'helm-template',
      scope,
      phase: 'run',
      ...(v ? { variant: v.variant } : { variant: 'default' }),
    });
    out.push(...(at ? facts : facts.map((f) => ({ ...f, span: { path: r.template, logical: ['helm template', chart.name, r.template, r.container ?? '?', r.name] } }))));
  }
  return out;
}

/** Offsets of a value for `name` written literally in a values file with exactly `value`. */
function findLiteralAssignment(v: ValuesFile, name: string, value: string): [number, number] | undefined {
  const doc = v.doc;
  if (!doc) return undefined;
  let found: [number, number] | undefined;
  const seen = new Set<unknown>();
  const walk = (node: YNode): void => {
    const n = deref(doc, node);
    if (found || n == null || seen.has(n)) return;
    seen.add(n);
    if (isMap(n)) {
      for (const p of mapPairs(doc, n)) {
        const val = deref(doc, p.value);
        if (keyString(doc, p) === name && isScalar(val) && scalarString(val) === value) {
          found = nodeRange(v.text, val);
          return;
        }
        walk(val);
      }
    } else if (isSeq(n)) {
      for (const item of seqItems(doc, n)) {
        const e = envEntry(doc, item);
        if (e && e.name === name && e.value && scalarString(e.value) === value) {
          found = nodeRange(v.text, e.value);
          return;
        }
        walk(item);
      }
    }
  };
  if (isTrackedVariable(name)) walk(doc.contents as YNode);
  return found;
}

function factKey(o: Observation): string {
  return `${o.span.path}:${o.span.start?.offset ?? o.span.logical?.join('/')}:${o.span.end?.offset}:${o.variable}:${o.key}:${o.variant ?? ''}`;
}

function compareFacts(a: Observation, b: Observation): number {
  if (a.span.path !== b.span.path) return a.span.path < b.span.path ? -1 : 1;
  const d = (a.span.start?.offset ?? -1) - (b.span.start?.offset ?? -1);
  if (d !== 0) return d;
  const va = a.variant ?? '';
  const vb = b.variant ?? '';
  return va < vb ? -1 : va > vb ? 1 : 0;
}
