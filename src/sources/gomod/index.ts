// go.mod and go.work: the `go` and `toolchain` lines (context facts `@go`, `@toolchain`) and the
// `godebug` lines and blocks that set a main module's default GODEBUG (go-facts.md §2.3).
// The syntax is golang.org/x/mod/modfile's: one directive per line, `verb ( … )` blocks,
// `//` comments, tokens separated by blanks, quoted strings only in paths.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, Origin, ScopeLevel } from '../../core/types.js';
import { CONTEXT_VARIABLES } from '../../core/types.js';
import type { Extractor, ExtractResult, SourceFile } from '../types.js';

/** A token of one line; offsets are 0-based into the file. */
interface Token {
  text: string;
  start: number;
  end: number;
}

/** One logical directive: its verb (the block's verb inside a block) and its arguments. */
interface Directive {
  verb: string;
  /** Start of the line's first token (the verb, or the first argument inside a block). */
  at: number;
  args: Token[];
}

/** modfile's go version pattern (`1.21`, `1.21.3`, `1.22rc1`); x/mod/modfile GoVersionRE. */
const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
/** modfile's toolchain pattern: `default` or `go` + version with optional `-suffix`. */
const TOOLCHAIN = /^(default|go(?:[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?(?:[a-z]+[0-9]+)?(?:-[A-Za-z0-9_.+-]+)?)$/;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Splits one line into tokens, stopping at a `//` comment. Quoted tokens keep their quotes. */
function tokenize(text: string, start: number, end: number): { tokens: Token[]; error?: number } {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') break;
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < end && text[j] !== c) j += text[j] === '\\' && c === '"' ? 2 : 1;
      if (j >= end) return { tokens, error: i };
      tokens.push({ text: text.slice(i, j + 1), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    let j = i;
    // `(` and `)` are tokens of their own, as in modfile's lexer.
    if (c === '(' || c === ')') j = i + 1;
    else {
      while (j < end && !/[ \t\r"`()]/.test(text[j]!) && !(text[j] === '/' && text[j + 1] === '/')) j++;
    }
    tokens.push({ text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return { tokens };
}

function unquote(t: string): string {
  if (t.startsWith('`')) return t.slice(1, -1);
  if (t.startsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  return t;
}

/** Directives of a go.mod/go.work text, plus diagnostics for lexical problems. */
function directives(path: string, lines: LineIndex): { list: Directive[]; diagnostics: Diagnostic[] } {
  const list: Directive[] = [];
  const diagnostics: Diagnostic[] = [];
  const text = lines.text;
  let block: { verb: string; at: number } | undefined;
  const problem = (offset: number, message: string): void => {
    const p = lines.position(offset);
    diagnostics.push({ path, line: p.line, column: p.column, message, severity: 'warning', code: 'parse-error' });
  };
  for (let line = 1; line <= lines.lineCount; line++) {
    const start = lines.offsetOf(line, 1);
    const end = start + lines.lineText(line).length;
    const { tokens, error } = tokenize(text, start, end);
    if (error !== undefined) problem(error, 'unterminated quoted string');
    if (tokens.length === 0) continue;
    const first = tokens[0]!;
    if (block) {
      if (first.text === ')') {
        block = undefined;
        continue;
      }
      list.push({ verb: block.verb, at: first.start, args: tokens });
      continue;
    }
    if (tokens.length >= 2 && tokens[1]!.text === '(') {
      if (tokens.length === 2) block = { verb: first.text, at: first.start };
      else if (tokens.length === 3 && tokens[2]!.text === ')') {
        // `require ()`: an empty block
      } else problem(tokens[2]!.start, `unexpected text after "${first.text} ("`);
      continue;
    }
    list.push({ verb: first.text, at: first.start, args: tokens.slice(1) });
  }
  if (block) problem(block.at, `"${block.verb} (" block is not closed`);
  return { list, diagnostics };
}

/** Observations of one go.mod or go.work file. */
export function extractGoMod(path: string, text: string): ExtractResult {
  const lines = new LineIndex(text);
  const work = baseName(path) === 'go.work';
  const { list, diagnostics } = directives(path, lines);
  const problem = (offset: number, message: string): void => {
    const p = lines.position(offset);
    diagnostics.push({ path, line: p.line, column: p.column, message, severity: 'warning', code: 'parse-error' });
  };

  // Scope: the module path for go.mod (wherever its `module` line sits); the workspace folder
  // for go.work, which has no module of its own.
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
  let scope: ScopeLevel[] = [{ kind: work ? 'workspace' : 'module', name: dir }];
  if (!work) {
    const mod = list.find((d) => d.verb === 'module');
    if (mod && mod.args.length === 1) scope = [{ kind: 'module', name: unquote(mod.args[0]!.text) }];
    else if (mod) problem(mod.at, 'usage: module module/path');
    else problem(0, 'no module directive');
  }
  const origin = (kind: 'go' | 'toolchain' | 'godebug'): Origin => `${work ? 'gowork' : 'gomod'}-${kind}`;

  const observations: Observation[] = [];
  for (const d of list) {
    const arg = d.args[0];
    switch (d.verb) {
      case 'go':
      case 'toolchain': {
        const isGo = d.verb === 'go';
        if (d.args.length !== 1 || !(isGo ? GO_VERSION : TOOLCHAIN).test(arg!.text)) {
          problem(arg?.start ?? d.at, isGo ? 'invalid go version: expected "go 1.N" or "go 1.N.P"' : 'invalid toolchain: expected "toolchain go1.N.P"');
          break;
        }
        observations.push({
          variable: isGo ? CONTEXT_VARIABLES.goLine : CONTEXT_VARIABLES.toolchainLine,
          key: null,
          value: { text: arg!.text, literal: true },
          span: lines.span(path, arg!.start, arg!.end),
          origin: origin(isGo ? 'go' : 'toolchain'),
          scope,
          phase: 'build',
        });
        break;
      }
      case 'godebug': {
        // modfile: exactly one `key=value` argument, no quotes or commas (modfile.parseGodebug).
        const eq = arg ? arg.text.indexOf('=') : -1;
        if (d.args.length !== 1 || eq <= 0 || /["`',]/.test(arg!.text)) {
          problem(arg?.start ?? d.at, 'usage: godebug key=value');
          break;
        }
        observations.push({
          variable: 'GODEBUG',
          key: arg!.text.slice(0, eq),
          value: { text: arg!.text.slice(eq + 1), literal: true },
          span: lines.span(path, arg!.start, arg!.end),
          origin: origin('godebug'),
          scope,
          // It sets the binary's compiled-in default, whatever environment later runs it.
          phase: 'build',
        });
        break;
      }
      default:
        break;
    }
  }
  return { observations, diagnostics };
}

export const gomodExtractor: Extractor = {
  id: 'gomod',
  matches(path) {
    const name = baseName(path);
    // The go command ignores testdata/ trees (their go.mod files are test inputs).
    if (/(^|\/)testdata\//.test(path)) return false;
    return name === 'go.mod' || name === 'go.work';
  },
  extract(file: SourceFile): ExtractResult {
    return extractGoMod(file.path, file.text);
  },
};
