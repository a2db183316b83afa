// Go source files: `//go:debug key=value` directives (go-facts.md §2.3 step 3) and calls that set
// runtime settings from inside the program with constant arguments (debug.SetTraceback,
// debug.SetGCPercent, debug.SetMemoryLimit, runtime.GOMAXPROCS, os.Setenv). Token-level only:
// see ./lexer.ts and README.md for the limits.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, Phase, ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import type { Extractor, ExtractResult, SourceFile } from '../types.js';
import { goIntValue, goStringValue, lexGo, type Token } from './lexer.js';

/** What a file contributes to: a main program, a test binary, or a library package. */
export type GoFileKind = 'main' | 'test' | 'library';

/** A call that sets a setting: which package function, which variable, how its argument reads. */
interface Setter {
  importPath: string;
  func: string;
  variable: string;
  arg: 'string' | 'gcpercent' | 'bytes' | 'procs';
}

const SETTERS: readonly Setter[] = [
  { importPath: 'runtime/debug', func: 'SetTraceback', variable: 'GOTRACEBACK', arg: 'string' },
  { importPath: 'runtime/debug', func: 'SetGCPercent', variable: 'GOGC', arg: 'gcpercent' },
  { importPath: 'runtime/debug', func: 'SetMemoryLimit', variable: 'GOMEMLIMIT', arg: 'bytes' },
  { importPath: 'runtime', func: 'GOMAXPROCS', variable: 'GOMAXPROCS', arg: 'procs' },
];
const WATCHED_IMPORTS = new Set(['runtime/debug', 'runtime', 'os']);

export function goFileKind(path: string, packageName: string): GoFileKind {
  if (path.endsWith('_test.go')) return 'test';
  return packageName === 'main' ? 'main' : 'library';
}

/** Observations of one Go file. */
export function extractGoSource(path: string, text: string): ExtractResult {
  const lines = new LineIndex(text);
  const observations: Observation[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (offset: number, message: string, code = 'parse-error'): void => {
    const p = lines.position(offset);
    diagnostics.push({ path, line: p.line, column: p.column, message, severity: 'warning', code });
  };

  const all = lexGo(text);
  const code = all.filter((t) => t.kind !== 'comment');
  // The package clause is the first token that is not a comment.
  const pkgName = code[0]?.text === 'package' && code[1]?.kind === 'ident' ? code[1].text : undefined;
  if (pkgName === undefined) {
    problem(code[0]?.start ?? 0, 'no package clause: not a Go source file');
    return { observations, diagnostics };
  }
  const packageOffset = code[0]!.start;
  const kind = goFileKind(path, pkgName);
  const scope: ScopeLevel[] = [
    { kind: 'package', name: pkgName },
    { kind: 'file-kind', name: kind },
  ];
  const testFile = kind === 'test';

  // //go:debug directives. Go reads them only from comments before the package clause (go/build
  // Package.Directives); later ones are ignored by the build and reported by vet. They are kept
  // with a `misplaced` scope level so a rule can say so.
  for (const c of all) {
    if (c.kind !== 'comment' || !c.text.startsWith('//go:debug')) continue;
    const rest = c.text.slice('//go:debug'.length);
    // cmd/go ParseGoDebug: `//go:debugfoo` is another directive, not a malformed go:debug.
    if (rest.length > 0 && !/^[ \t]/.test(rest)) continue;
    const lead = rest.length - rest.trimStart().length;
    const setting = rest.trim();
    const settingStart = c.start + '//go:debug'.length + lead;
    const eq = setting.indexOf('=');
    if (eq < 0) {
      problem(c.start, '//go:debug: missing key=value');
      continue;
    }
    const key = setting.slice(0, eq);
    const value = setting.slice(eq + 1);
    if (/[ \t,]/.test(setting) || key === '') {
      problem(settingStart, `//go:debug: expected one key=value without spaces or commas, found "${setting}"`);
      continue;
    }
    const misplaced = c.start > packageOffset;
    observations.push({
      variable: 'GODEBUG',
      key,
      value: { text: value, literal: true },
      span: lines.span(path, settingStart, settingStart + setting.length),
      origin: 'go-debug-directive',
      scope: misplaced ? [...scope, { kind: 'misplaced', name: 'after-package' }] : scope,
      // A directive changes the compiled-in default of the binary (or test binary) being built.
      phase: testFile ? 'test' : 'build',
    });
  }

  const imports = readImports(code, 2);
  const callPhase: Phase = testFile ? 'test' : 'run';
  for (let i = 0; i < code.length; i++) {
    const call = matchCall(code, i, imports, testFile);
    if (!call) continue;
    const args = callArguments(code, call.open);
    if (!args) continue;
    const base = { origin: 'go-runtime-call' as const, scope, phase: callPhase };
    if (call.setter === 'setenv') {
      if (args.length !== 2) continue;
      const [nameArg, valueArg] = args as [Token[], Token[]];
      const name = nameArg.length === 1 ? goStringValue(nameArg[0]!) : undefined;
      if (name === undefined) continue;
      const { start, end } = extent(valueArg);
      const str = valueArg.length === 1 ? goStringValue(valueArg[0]!) : undefined;
      observations.push(
        ...assignmentObservations({
          path,
          lines,
          name,
          value: str ?? text.slice(start, end),
          valueStart: start,
          valueEnd: end,
          literal: str !== undefined,
          ...base,
        }),
      );
      continue;
    }
    const s = call.setter;
    if (args.length !== 1 || args[0]!.length === 0) continue;
    const arg = args[0]!;
    const { start, end } = extent(arg);
    let value: string | undefined;
    if (s.arg === 'string') {
      value = arg.length === 1 ? goStringValue(arg[0]!) : undefined;
    } else {
      const n = foldInt(arg);
      if (n !== undefined) {
        // GOMAXPROCS(n < 1) and SetMemoryLimit(n < 0) only query the current value.
        if (s.arg === 'procs' && n < 1n) continue;
        if (s.arg === 'bytes' && n < 0n) continue;
        // A negative percentage turns the collector off, which GOGC spells `off`.
        value = s.arg === 'gcpercent' && n < 0n ? 'off' : n.toString();
      }
    }
    observations.push({
      variable: s.variable,
      key: null,
      value: value !== undefined ? { text: value, literal: true } : { text: text.slice(start, end), literal: false },
      span: lines.span(path, start, end),
      ...base,
    });
  }
  return { observations, diagnostics };
}

/** Local name → import path for the imports this extractor watches (`.` for dot imports). */
function readImports(code: Token[], from: number): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (name: string, importPath: string): void => {
    if (!WATCHED_IMPORTS.has(importPath)) return;
    map.set(name, [...(map.get(name) ?? []), importPath]);
  };
  const spec = (i: number): number => {
    // ImportSpec = [ "." | PackageName ] ImportPath
    let name: string | undefined;
    if (code[i]?.kind === 'ident' || code[i]?.text === '.') name = code[i++]!.text;
    const p = code[i];
    const importPath = p ? goStringValue(p) : undefined;
    if (importPath !== undefined && name !== '_') add(name ?? importPath.slice(importPath.lastIndexOf('/') + 1), importPath);
    return i + 1;
  };
  let i = from;
  while (code[i]?.text === ';') i++;
  while (code[i]?.text === 'import') {
    i++;
    if (code[i]?.text === '(') {
      i++;
      while (i < code.length && code[i]!.text !== ')') {
        if (code[i]!.text === ';') i++;
        else i = spec(i);
      }
      i++;
    } else i = spec(i);
    while (code[i]?.text === ';') i++;
  }
  return map;
}

interface CallMatch {
  setter: Setter | 'setenv';
  /** Index of the `(` token. */
  open: number;
}

/** `pkg.Func(` (or `Func(` through a dot import) at token i, for a watched function. */
function matchCall(code: Token[], i: number, imports: Map<string, string[]>, testFile: boolean): CallMatch | undefined {
  const t = code[i]!;
  if (t.kind !== 'ident') return undefined;
  let paths: string[] | undefined;
  let funcIdx: number;
  if (code[i + 1]?.text === '.' && code[i + 2]?.kind === 'ident') {
    // A selector on something that is itself selected (`x.debug.SetGCPercent`) is not a package.
    if (code[i - 1]?.text === '.') return undefined;
    paths = imports.get(t.text);
    funcIdx = i + 2;
  } else {
    const prev = code[i - 1]?.text;
    if (prev === '.' || prev === 'func') return undefined;
    paths = imports.get('.');
    funcIdx = i;
  }
  const fn = code[funcIdx]!.text;
  // In tests, `t.Setenv` / `b.Setenv` (testing.T/B/F): any non-package receiver counts, since
  // a lexer cannot see types.
  if (!paths && testFile && funcIdx === i + 2 && fn === 'Setenv' && !imports.has(t.text) && code[funcIdx + 1]?.text === '(') {
    return { setter: 'setenv', open: funcIdx + 1 };
  }
  if (!paths || code[funcIdx + 1]?.text !== '(') return undefined;
  if (paths.includes('os') && fn === 'Setenv') return { setter: 'setenv', open: funcIdx + 1 };
  const setter = SETTERS.find((s) => s.func === fn && paths!.includes(s.importPath));
  return setter ? { setter, open: funcIdx + 1 } : undefined;
}

/** Top-level comma-separated arguments of the call whose `(` is at `open`; undefined if unclosed. */
function callArguments(code: Token[], open: number): Token[][] | undefined {
  const args: Token[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < code.length; i++) {
    const t = code[i]!;
    if (t.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
      if (depth === 0) {
        if (args[args.length - 1]!.length === 0) args.pop(); // trailing comma or no arguments
        return args;
      }
      depth--;
    }
    if (depth === 0 && t.text === ',') args.push([]);
    else args[args.length - 1]!.push(t);
  }
  return undefined;
}

function extent(tokens: Token[]): { start: number; end: number } {
  return { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end };
}

const CONVERSIONS = new Set(['int', 'int64', 'int32', 'uint', 'uint64', 'uint32', 'uintptr']);

/**
 * Value of an integer constant expression made of integer literals, parentheses, conversions to
 * integer types and the operators + - * / % << >> & | ^ &^. Undefined for anything else (named
 * constants, variables, calls), which the caller reports as not literal.
 */
export function foldInt(tokens: Token[]): bigint | undefined {
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const binary: Record<string, number> = { '*': 5, '/': 5, '%': 5, '<<': 5, '>>': 5, '&': 5, '&^': 5, '+': 4, '-': 4, '|': 4, '^': 4 };
  const unary = (): bigint | undefined => {
    const t = peek();
    if (!t) return undefined;
    if (t.text === '-' || t.text === '+' || t.text === '^') {
      pos++;
      const v = unary();
      if (v === undefined) return undefined;
      return t.text === '-' ? -v : t.text === '+' ? v : ~v;
    }
    if (t.text === '(' || (t.kind === 'ident' && CONVERSIONS.has(t.text) && tokens[pos + 1]?.text === '(')) {
      if (t.kind === 'ident') pos++;
      pos++;
      const v = expr(0);
      if (peek()?.text !== ')') return undefined;
      pos++;
      return v;
    }
    if (t.kind === 'int') {
      pos++;
      return goIntValue(t.text);
    }
    return undefined;
  };
  const expr = (minPrec: number): bigint | undefined => {
    let left = unary();
    while (left !== undefined) {
      const op = peek();
      const prec = op && op.kind === 'op' ? binary[op.text] : undefined;
      if (prec === undefined || prec <= minPrec) break;
      pos++;
      const right = expr(prec);
      if (right === undefined) return undefined;
      left = apply(op!.text, left, right);
    }
    return left;
  };
  const v = expr(0);
  return pos === tokens.length ? v : undefined;
}

function apply(op: string, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case '*': return a * b;
    case '/': return b === 0n ? undefined : a / b;
    case '%': return b === 0n ? undefined : a % b;
    case '<<': return b < 0n || b > 1024n ? undefined : a << b;
    case '>>': return b < 0n ? undefined : a >> b;
    case '&': return a & b;
    case '&^': return a & ~b;
    case '+': return a + b;
    case '-': return a - b;
    case '|': return a | b;
    case '^': return a ^ b;
    default: return undefined;
  }
}

function isGoSourcePath(path: string): boolean {
  // vendor/ is skipped by the walker too; testdata/ holds inputs the go command never builds.
  return path.endsWith('.go') && !/(^|\/)(testdata|vendor)\//.test(path);
}

/**
 * Every fact needs one of these in the raw text: a directive or a watched function's name
 * (SETTERS, and os.Setenv / t.Setenv), so a new setter cannot be missed by the fast path.
 */
const MARKERS = new RegExp(['//go:debug', ...SETTERS.map((s) => s.func), 'Setenv'].join('|'));

/** Comments and blanks before the package clause, as lexGo skips them. */
const LEADING = /^(?:[ \t\r\n\uFEFF]+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;

/**
 * True when extractGoSource would return nothing for `text`: no marker anywhere, and a package
 * clause that a plain pattern recognises (`package` + blanks + an ASCII name) so the "no package
 * clause" diagnostic cannot apply. Lexing is the gosource extractor's whole cost (GOROOT: 3.7 s
 * of 4.5 s) and most Go files of a repository hold no runtime setting. Anything unusual (a
 * Unicode package name, a comment between `package` and the name) is left to the lexer.
 * gosource.test.ts checks the equivalence on every fixture and on edge cases.
 */
export function holdsNoGoFacts(text: string): boolean {
  if (MARKERS.test(text)) return false;
  return plainPackageClause(text);
}

/** The package clause after leading comments is `package` + blanks + an ASCII name. */
function plainPackageClause(text: string): boolean {
  const lead = LEADING.exec(text)![0].length;
  return /^package[ \t]+[A-Za-z_][A-Za-z0-9_]*(?:[ \t\r\n;]|\/[/*]|$)/.test(text.slice(lead, lead + 300));
}

/**
 * holdsNoGoFacts on the raw bytes, without decoding the file as UTF-8: `latin1` has a character
 * per byte, and every pattern involved is ASCII, which UTF-8 writes as those same bytes (the
 * comment patterns match any character). A byte-order mark shows as three latin1 characters and
 * sends the file to the lexer, which is only more careful.
 */
export function bytesHoldNoGoFacts(bytes: Buffer, latin1 = bytes.toString('latin1')): boolean {
  // One regular-expression pass over the latin1 view is several times faster than one
  // Buffer.includes per marker, and cheaper than decoding UTF-8.
  if (MARKERS.test(latin1)) return false;
  return plainPackageClause(latin1);
}

export const goSourceExtractor: Extractor = {
  id: 'gosource',
  matches: (path) => isGoSourcePath(path),
  holdsNothing: bytesHoldNoGoFacts,
  extract(file: SourceFile): ExtractResult {
    if (holdsNoGoFacts(file.text)) return { observations: [], diagnostics: [] };
    return extractGoSource(file.path, file.text);
  },
};
