// Makefiles (Makefile, makefile, GNUmakefile, *.mk): variable assignments of tracked Go variables
// (global and target-specific) and recipe lines, which go to the shared shell extractor with
// exact offsets. Syntax is in ./parse.ts; this file evaluates what make would hand to programs.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, Phase, ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { extractShell } from '../shell/index.js';
import type { ExtractShell } from '../shell/extract.js';
import type { Extractor, ExtractResult, SourceFile } from '../types.js';
import { parseMakefile, type MakeAssignment, type Mapped, type RecipeLine } from './parse.js';

export { parseMakefile } from './parse.js';

/**
 * The phase a target's commands belong to, from its name: `test` anywhere → test;
 * build/install/release/docker → build; a word starting with run/serve/deploy → run; else build.
 */
export function targetPhase(targets: string): Phase {
  const t = targets.toLowerCase();
  if (t.includes('test')) return 'test';
  if (/build|install|release|docker/.test(t)) return 'build';
  if (t.split(/[^a-z0-9]+/).some((w) => /^(run|serve|deploy)/.test(w))) return 'run';
  return 'build';
}

export function isMakefilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || (base.endsWith('.mk') && base.length > 3);
}

/** A make variable's current definition. */
interface Definition {
  /** recursive (`=`): expanded when used; simple (`:=`): already expanded. */
  flavor: 'recursive' | 'simple';
  /** Unexpanded text for recursive variables, expanded text for simple ones. */
  text: string;
  /** False for `!=` and for simple variables whose expansion was not literal. */
  literal: boolean;
}

type Table = Map<string, Definition>;

/** Result of expanding make text: the value, or not literal when a reference could not be resolved. */
interface Expanded {
  text: string;
  literal: boolean;
}

/** Name of a simple variable reference `$(NAME)`, `${NAME}` or `$N`; undefined for functions etc. */
function referenceAt(s: string, i: number): { name: string; end: number } | undefined {
  const open = s[i + 1];
  if (open === '(' || open === '{') {
    const close = open === '(' ? ')' : '}';
    let depth = 0;
    for (let j = i + 2; j < s.length; j++) {
      if (s[j] === open) depth++;
      else if (s[j] === close) {
        if (depth-- === 0) {
          const inner = s.slice(i + 2, j);
          return { name: /^[^\s:=#$(){}]+$/.test(inner) ? inner : '', end: j + 1 };
        }
      }
    }
    return undefined;
  }
  if (open === undefined || open === '$') return undefined;
  return { name: open, end: i + 2 };
}

/** Lookup with target-specific definitions first. */
function lookup(name: string, tables: Table[]): Definition | undefined {
  for (const t of tables) {
    const d = t.get(name);
    if (d) return d;
  }
  return undefined;
}

/** Expands make references whose variables are defined literally in this makefile. */
function expand(text: string, tables: Table[], depth = 0): Expanded {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const ref = referenceAt(text, i);
    const value = ref && ref.name ? resolve(ref.name, tables, depth) : undefined;
    if (!value) return { text, literal: false };
    out += value;
    i = ref!.end - 1;
  }
  return { text: out, literal: true };
}

/** The literal value of a make variable, or undefined (unknown, from the environment, or not literal). */
function resolve(name: string, tables: Table[], depth: number): string | undefined {
  if (depth > 20) return undefined; // recursive definition
  const d = lookup(name, tables);
  if (!d || !d.literal) return undefined;
  if (d.flavor === 'simple') return d.text;
  const e = expand(d.text, tables, depth + 1);
  return e.literal ? e.text : undefined;
}

/** Offsets of a value, end exclusive; an empty value sits where it would start. */
function valueRange(v: Mapped, fallback: number): { start: number; end: number } {
  if (v.text.length === 0) return { start: fallback, end: fallback };
  return { start: v.offsets[0]!, end: v.offsets[v.offsets.length - 1]! + 1 };
}

/** What one assignment makes of the variable, given the table before it. */
function applyAssignment(a: MakeAssignment, table: Table, tables: Table[]): Definition | undefined {
  const prev = table.get(a.name) ?? (a.targets !== undefined ? lookup(a.name, tables.slice(1)) : undefined);
  const raw = a.value.text;
  switch (a.op) {
    case '=':
      return { flavor: 'recursive', text: raw, literal: true };
    case ':=':
    case '::=':
    case ':::=': {
      const e = expand(raw, tables);
      return { flavor: 'simple', text: e.literal ? e.text : raw, literal: e.literal };
    }
    case '!=':
      return { flavor: 'simple', text: raw, literal: false };
    case '?=':
      return prev ?? { flavor: 'recursive', text: raw, literal: true };
    case '+=': {
      if (!prev) return { flavor: 'recursive', text: raw, literal: true };
      if (prev.flavor === 'recursive') return { ...prev, text: prev.text === '' ? raw : `${prev.text} ${raw}` };
      const e = expand(raw, tables);
      return {
        flavor: 'simple',
        text: !e.literal || !prev.literal ? `${prev.text} ${raw}` : prev.text === '' ? e.text : `${prev.text} ${e.text}`,
        literal: e.literal && prev.literal,
      };
    }
  }
}

/** Creates the extractor with a given shell extractor (tests pass a recording one). */
export function createMakefileExtractor(shell: ExtractShell): Extractor {
  return {
    id: 'makefile',
    matches: (path) => isMakefilePath(path),
    extract: (file) => extractMakefile(file, shell),
  };
}

export async function extractMakefile(file: SourceFile, shell: ExtractShell): Promise<ExtractResult> {
  const { path, text } = file;
  const lines = new LineIndex(text);
  const parsed = parseMakefile(text);
  const observations: Observation[] = [];
  const diagnostics: Diagnostic[] = parsed.problems.map((p) => {
    const at = lines.position(p.offset);
    return { path, line: at.line, column: at.column, message: p.message, severity: 'warning', code: 'parse-error' };
  });

  // Pass 1: definitions and the final export state (make reads the whole file before running
  // recipes, so a later `export NAME` exports an earlier assignment).
  const global: Table = new Map();
  const perTarget = new Map<string, Table>();
  const exported = new Set<string>();
  let exportAll = parsed.rules.some((r) => r.targets.split(/\s+/).includes('.EXPORT_ALL_VARIABLES'));
  const records: { a: MakeAssignment; def: Definition; prev?: Definition }[] = [];
  for (const s of parsed.statements) {
    if (s.kind === 'export') {
      if (s.directive.names.length === 0) exportAll = s.directive.kind === 'export';
      for (const n of s.directive.names) {
        if (s.directive.kind === 'export') exported.add(n);
        else exported.delete(n);
      }
      continue;
    }
    if (s.kind === 'undefine') {
      global.delete(s.name);
      continue;
    }
    const a = s.assignment;
    const table = a.targets !== undefined ? (perTarget.get(a.targets) ?? new Map()) : global;
    if (a.targets !== undefined) perTarget.set(a.targets, table);
    const tables = a.targets !== undefined ? [table, global] : [global];
    const prev = table.get(a.name) ?? (a.targets !== undefined ? global.get(a.name) : undefined);
    let def = applyAssignment(a, table, tables);
    if (!def) continue;
    // Inside a conditional the assignment may not run: from here on the value is uncertain (an
    // unconditional assignment later makes it certain again). A `?=` of a defined variable
    // changes nothing either way.
    if (a.conditional && !(a.op === '?=' && prev)) def = { ...def, literal: false };
    table.set(a.name, def);
    if (a.exported && a.targets === undefined) exported.add(a.name);
    records.push({ a, def, ...(prev ? { prev } : {}) });
  }

  // Pass 2: facts for assignments of tracked variables.
  for (const { a, def, prev } of records) {
    const scope: ScopeLevel[] = a.targets !== undefined ? [{ kind: 'target', name: a.targets }] : [];
    const phase: Phase = a.targets !== undefined ? targetPhase(a.targets) : 'build';
    const tables = a.targets !== undefined ? [perTarget.get(a.targets)!, global] : [global];
    let value: Expanded;
    if (a.op === '?=' && prev) continue; // no effect: already defined above
    if (!def.literal) value = { text: def.text, literal: false };
    else if (def.flavor === 'simple') value = { text: def.text, literal: true };
    else {
      // Recursive: expanded when the program runs, i.e. with the final definitions.
      const e = expand(def.text, tables);
      value = e.literal ? e : { text: def.text, literal: false };
    }
    const range = valueRange(a.value, a.opEnd);
    const isExported = a.exported || exported.has(a.name) || exportAll;
    observations.push(
      ...assignmentObservations({
        path,
        lines,
        name: a.name,
        value: value.text,
        // `+=` makes the whole value; its span is the appended part, where the user looks.
        valueStart: range.start,
        valueEnd: range.end,
        literal: value.literal,
        origin: isExported ? 'make-export' : 'make-assign',
        scope,
        phase,
      }),
    );
  }

  // Pass 3: recipes, expanded as make would and handed to the shell extractor.
  for (const rule of parsed.rules) {
    if (rule.recipe.length === 0) continue;
    const tables = [perTarget.get(rule.targets) ?? new Map<string, Definition>(), global];
    const segments = rule.recipe.map((r) => recipeScript(text, r, tables));
    const scripts = parsed.oneShell ? [joinScripts(segments)] : segments;
    for (const s of scripts) {
      if (s.text.trim() === '') continue;
      const offsets = s.offsets;
      const result = await shell(s.text, {
        path,
        lines,
        mapOffset: (o) => (o < offsets.length ? offsets[o]! : (offsets[offsets.length - 1] ?? 0) + 1),
        scope: [{ kind: 'target', name: rule.targets }],
        phase: targetPhase(rule.targets),
        origin: 'make-recipe',
      });
      observations.push(...result.observations);
      diagnostics.push(...result.diagnostics);
    }
  }
  return { observations, diagnostics };
}

/**
 * The shell text make runs for one recipe line, with the file offset of every character:
 * the recipe prefix and `@`/`-`/`+` are removed, `$$` becomes `$`, references to literal make
 * variables are replaced by their value (its first character maps to the reference's start and
 * its last to the reference's last character, so a span over the value covers the reference),
 * anything else make would expand is left as written and reads as not literal to the shell.
 * Backslash-newline stays (the shell joins the lines); a continuation line loses one leading
 * recipe prefix character, as in GNU make.
 */
export function recipeScript(text: string, recipe: RecipeLine, tables: Table[]): Mapped {
  const src: Mapped = { text: '', offsets: [] };
  recipe.lines.forEach((line, idx) => {
    let s = idx === 0 && recipe.inlineStart !== undefined ? recipe.inlineStart : line.start;
    // One recipe prefix character goes, on the first line and on continuation lines.
    if ((recipe.inlineStart === undefined || idx > 0) && text[s] === recipe.prefix) s++;
    if (idx === 0) {
      while (s < line.end && /[ \t@+-]/.test(text[s]!)) s++;
    }
    for (let k = s; k < line.end; k++) {
      src.text += text[k];
      src.offsets.push(k);
    }
    if (idx < recipe.lines.length - 1) {
      src.text += '\n';
      src.offsets.push(line.end);
    }
  });
  const out: Mapped = { text: '', offsets: [] };
  for (let i = 0; i < src.text.length; i++) {
    const c = src.text[i]!;
    if (c === '$' && src.text[i + 1] === '$') {
      out.text += '$';
      out.offsets.push(src.offsets[i]!);
      i++;
      continue;
    }
    if (c === '$') {
      const ref = referenceAt(src.text, i);
      const value = ref && ref.name ? resolve(ref.name, tables, 0) : undefined;
      if (ref && value !== undefined) {
        const start = src.offsets[i]!;
        const last = src.offsets[ref.end - 1]!;
        for (let k = 0; k < value.length; k++) {
          out.text += value[k];
          out.offsets.push(k === value.length - 1 && k > 0 ? last : start);
        }
        i = ref.end - 1;
        continue;
      }
    }
    out.text += c;
    out.offsets.push(src.offsets[i]!);
  }
  return out;
}

/** `.ONESHELL`: all recipe lines of a rule form one script, separated by newlines. */
function joinScripts(segments: Mapped[]): Mapped {
  const out: Mapped = { text: '', offsets: [] };
  segments.forEach((s, idx) => {
    if (idx > 0) {
      out.text += '\n';
      out.offsets.push((out.offsets[out.offsets.length - 1] ?? 0) + 1);
    }
    out.text += s.text;
    out.offsets.push(...s.offsets);
  });
  return out;
}

export const makefileExtractor: Extractor = createMakefileExtractor(extractShell);
