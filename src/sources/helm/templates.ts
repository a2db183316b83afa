// Helm templates read without Helm. Templates are not YAML (`{{- if }}` lines, `{{ toYaml … |
// nindent 8 }}`), so every `{{ … }}` action is masked before parsing, keeping offsets unchanged:
// - a line that holds only actions and blanks is blanked (spaces), so block structure survives;
// - an action inside a line (a value, part of a key) becomes a same-length run of `x`.
// Spans are then taken from the original text, which has the same offsets.
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { LineIndex } from '../../core/text.js';
import type { Diagnostic } from '../../core/types.js';
import { deref, mapGet, mapPairs, nodeRange, parseYamlDocuments, seqItems, stringOf, type YNode } from '../yaml-common/nodes.js';
import { envEntry, type EnvEntry } from './values.js';

/** Masks Go-template actions with same-length placeholders (see the file comment). */
export function maskTemplate(text: string): string {
  const chars = text.split('');
  const inAction = new Uint8Array(text.length);
  const re = /\{\{[\s\S]*?\}\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) inAction.fill(1, m.index, m.index + m[0].length);
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    let onlyActions = true;
    let anyAction = false;
    for (let j = lineStart; j < i; j++) {
      if (inAction[j]) anyAction = true;
      else if (!/\s/.test(text[j]!)) onlyActions = false;
    }
    if (anyAction) {
      for (let j = lineStart; j < i; j++) if (inAction[j] && text[j] !== '\r') chars[j] = onlyActions ? ' ' : 'x';
    }
    lineStart = i + 1;
  }
  return chars.join('');
}

/** An env entry of a tracked variable found in a template, classified by how its value is written. */
export interface TemplateEnv {
  /** Repository-relative path of the template. */
  path: string;
  /** Container name as written (may itself be a template expression). */
  container?: string;
  name: string;
  /**
   * literal: plain value; values: a single `{{ .Values.a.b }}` (optionally `| quote`, `default`);
   * expression: any other template code; valueFrom: Kubernetes reference.
   */
  kind: 'literal' | 'values' | 'expression' | 'valueFrom';
  /** `.Values` path for kind `values`. */
  valuesPath?: string[];
  /** A `default "…"` literal of a `values` entry, with its offsets in the template. */
  defaultLiteral?: { text: string; start: number; end: number };
  /** Offsets [start, end) of the value as written in the template (quotes included). */
  start: number;
  end: number;
  /** The value as written (literal kinds: the unquoted value). */
  text: string;
  entry: EnvEntry;
}

export interface ParsedTemplate {
  path: string;
  text: string;
  lines: LineIndex;
  /** Documents parsed from the masked text (node ranges are valid in `text`). */
  docs: Document.Parsed[];
  env: TemplateEnv[];
  /** Container maps with a literal `resources` block (for context facts). */
  resources: Array<{ container?: string; node: YNode; doc: Document.Parsed }>;
  /**
   * Containers whose `resources` a template action writes (`resources:` followed by
   * `{{ toYaml .Values.resources | nindent 10 }}`, or `{{- include "x.resources" . }}` in place of
   * the key): the limits exist or not depending on values nobody can read statically. `start`/`end`
   * (0-based offsets, end exclusive) hold the action; `expression` is its text.
   */
  generatedResources: Array<{ container?: string; start: number; end: number; expression: string }>;
  diagnostics: Diagnostic[];
}

export function parseTemplate(path: string, text: string): ParsedTemplate {
  const masked = maskTemplate(text);
  const parsed = parseYamlDocuments(path, masked);
  // Templates are not YAML; a parse problem after masking is worth a warning, not an error.
  const diagnostics = parsed.diagnostics.map((d) => ({ ...d, severity: 'warning' as const, code: 'template-parse', message: d.message.replace(/^invalid YAML/, 'template not readable as YAML after masking {{ }}') }));
  const lines = new LineIndex(text);
  const env: TemplateEnv[] = [];
  const resources: ParsedTemplate['resources'] = [];
  const generatedResources: ParsedTemplate['generatedResources'] = [];
  for (const doc of parsed.docs) {
    const seen = new Set<unknown>();
    const walk = (node: YNode, container: string | undefined): void => {
      const n = deref(doc, node);
      if (n == null || seen.has(n)) return;
      seen.add(n);
      if (isMap(n)) {
        const nameNode = mapGet(doc, n, 'name');
        const isContainer = isScalar(nameNode) && (mapGet(doc, n, 'image') != null || mapGet(doc, n, 'env') !== undefined);
        const here = isContainer ? originalText(text, nameNode) : container;
        const res = mapGet(doc, n, 'resources');
        if (isContainer && isMap(res)) resources.push({ ...(here !== undefined ? { container: here } : {}), node: res, doc });
        else if (isContainer) {
          const action = resourcesAction(text, masked, doc, n);
          if (action) generatedResources.push({ ...(here !== undefined ? { container: here } : {}), ...action });
        }
        for (const p of mapPairs(doc, n)) walk(p.value, here);
        return;
      }
      if (isSeq(n)) {
        for (const item of seqItems(doc, n)) {
          const entry = envEntry(doc, item);
          if (entry) {
            const t = classify(path, text, doc, entry, container);
            if (t) env.push(t);
          } else walk(item, container);
        }
      }
    };
    walk(doc.contents as YNode, undefined);
  }
  return {
    path,
    text,
    lines,
    docs: parsed.docs,
    // After a syntax error the recovered structure is not trusted (see beforeFirstError).
    env: env.filter((e) => e.start < parsed.firstErrorOffset),
    resources,
    generatedResources,
    diagnostics,
  };
}

const ACTION = /\{\{[\s\S]*?\}\}/g;

/**
 * The template action that writes a container's `resources`, if any: the first action between a
 * `resources:` key with no literal map and the next YAML line at the key's indentation or less
 * (masking blanks action-only lines, so they do not end the search), or, without the key, an action
 * inside the container that names `resources` (`{{- include "app.resources" . | nindent 10 }}`).
 */
function resourcesAction(text: string, masked: string, doc: Document.Parsed, container: YNode): { start: number; end: number; expression: string } | undefined {
  const pairs = mapPairs(doc, container);
  const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === 'resources');
  const first = (from: number, to: number, test: (a: string) => boolean) => {
    ACTION.lastIndex = from;
    for (let m = ACTION.exec(text); m && m.index < to; m = ACTION.exec(text)) if (test(m[0])) return { start: m.index, end: m.index + m[0].length, expression: m[0] };
    return undefined;
  };
  // End of the block that starts on the line of `at`: the next line with YAML left after masking
  // (action-only lines are blank there) indented at most `indent` columns (less when `strict`).
  const blockEnd = (at: number, indent: number, strict: boolean): number => {
    for (let i = text.indexOf('\n', at); i >= 0; i = text.indexOf('\n', i + 1)) {
      const next = text.indexOf('\n', i + 1);
      const line = masked.slice(i + 1, next < 0 ? text.length : next);
      const lead = line.length - line.trimStart().length;
      if (line.trim() !== '' && (strict ? lead < indent : lead <= indent)) return i + 1;
    }
    return text.length;
  };
  const column = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  if (pair && isScalar(pair.key) && pair.key.range) {
    const keyStart = pair.key.range[0];
    return first(keyStart, blockEnd(keyStart, column(keyStart), false), () => true);
  }
  const firstKey = pairs[0]?.key;
  if (!isScalar(firstKey) || !firstKey.range) return undefined;
  const keyStart = firstKey.range[0];
  return first(keyStart, blockEnd(keyStart, column(keyStart), true), (a) => /resources/i.test(a));
}

function originalText(text: string, node: NonNullable<YNode>): string {
  const [s, e] = nodeRange(text, node);
  const raw = text.slice(s, e);
  return /^(['"]).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

function classify(path: string, text: string, doc: Document.Parsed, entry: EnvEntry, container: string | undefined): TemplateEnv | undefined {
  const base = { path, name: entry.name, entry, ...(container !== undefined ? { container } : {}) };
  if (entry.value) {
    const [start, end] = nodeRange(text, entry.value);
    const raw = text.slice(start, end);
    if (!raw.includes('{{')) {
      return { ...base, kind: 'literal', start, end, text: stringOf(doc, entry.value) ?? '' };
    }
    const ref = valuesReference(raw, start);
    if (ref) return { ...base, kind: 'values', start, end, text: raw, valuesPath: ref.path, ...(ref.defaultLiteral ? { defaultLiteral: ref.defaultLiteral } : {}) };
    return { ...base, kind: 'expression', start, end, text: raw };
  }
  if (entry.valueFrom != null) {
    const [start, end] = nodeRange(text, entry.valueFrom);
    return { ...base, kind: 'valueFrom', start, end, text: text.slice(start, end) };
  }
  const [start, end] = nodeRange(text, entry.nameNode);
  return { ...base, kind: 'literal', start, end, text: '' };
}

const VALUES_PATH = /^\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)$/;
/** Pipeline functions that do not change the text of a scalar env value. */
const TRANSPARENT = /^(quote|squote|toString|trim)$/;

/**
 * A value that is exactly one action reading `.Values.a.b`, through functions that keep the text
 * (`quote`, `toString`, …), `default <literal>` and `required "<msg>"`. undefined otherwise
 * (`printf`, `int`, `include`, range variables, `.x` inside `with` blocks): those stay non-literal.
 */
export function valuesReference(raw: string, rawStart: number): { path: string[]; defaultLiteral?: { text: string; start: number; end: number } } | undefined {
  let inner = raw;
  let innerStart = rawStart;
  if (/^(['"]).*\1$/s.test(raw)) {
    inner = raw.slice(1, -1);
    innerStart += 1;
  }
  const m = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(inner);
  if (!m || m[1]!.includes('{{')) return undefined;
  const pipeline = m[1]!;
  const pipelineStart = innerStart + inner.indexOf(pipeline);
  let path: string[] | undefined;
  let defaultLiteral: { text: string; start: number; end: number } | undefined;
  let offset = 0;
  for (const segment of pipeline.split('|')) {
    const segStart = pipelineStart + offset + (segment.length - segment.trimStart().length);
    offset += segment.length + 1;
    const tokens = tokenize(segment.trim());
    if (tokens.length === 0) return undefined;
    const fn = tokens[0]!.text;
    const last = tokens[tokens.length - 1]!;
    const valuesAt = VALUES_PATH.exec(last.text);
    if (valuesAt) {
      if (path) return undefined;
      path = valuesAt[1]!.slice(1).split('.');
    }
    if (tokens.length === 1 && valuesAt) continue;
    if (TRANSPARENT.test(fn) && tokens.length <= 2) continue;
    if (fn === 'required' && tokens.length >= 2) continue;
    if (fn === 'default' && tokens.length >= 2) {
      const lit = tokens[1]!;
      if (VALUES_PATH.test(lit.text) || lit.text.startsWith('.') || lit.text.startsWith('$')) return undefined;
      const quoted = /^".*"$|^`.*`$/s.test(lit.text);
      defaultLiteral = {
        text: quoted ? lit.text.slice(1, -1) : lit.text,
        start: segStart + lit.start + (quoted ? 1 : 0),
        end: segStart + lit.start + lit.text.length - (quoted ? 1 : 0),
      };
      continue;
    }
    return undefined;
  }
  return path ? { path, ...(defaultLiteral ? { defaultLiteral } : {}) } : undefined;
}

function tokenize(s: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ text: m[0], start: m.index });
  return out;
}
