// The sh-syntax (mvdan/sh compiled to WebAssembly) front end: syntax checking with exact error
// positions, and the top-level statement boundaries. Its JSON AST is lossy (command nodes carry only
// Pos/End, no node types and no words), so the structure below a statement is lexed in ./lexer.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getProcessor, type File } from 'sh-syntax';

/** A syntax error, with its 0-based offset in UTF-16 code units of the parsed text. */
export interface ShellSyntaxError {
  offset: number;
  message: string;
}

export interface ShellSyntaxResult {
  /** Top-level statements as [start, end) UTF-16 offsets of the parsed text. */
  statements: Array<{ start: number; end: number }>;
  error?: ShellSyntaxError;
}

type Processor = (text: string, options?: Record<string, unknown>) => Promise<File>;

/** The part of the WebAssembly global we use (the project's `lib` has no DOM/WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown, imports: unknown) => unknown;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let processor: Processor | undefined;
let processorFailed: string | undefined;

/**
 * sh-syntax's default `parse` compiles its 750 kB WebAssembly module on every call (~10 ms). We
 * compile it once and only instantiate per call: each call still needs a fresh Go runtime because
 * the module's `main` exits after one request (reusing an instance was tried: the second call
 * panics or reads freed memory). Instantiation is synchronous: the asynchronous
 * `WebAssembly.instantiate` costs the same CPU but yields to the event loop, which measured
 * 8.7 ms of wall time per call against 2.4 ms (benchmarks.md).
 */
function getShellProcessor(): Processor | undefined {
  if (processor || processorFailed) return processor;
  try {
    const require = createRequire(import.meta.url);
    const bytes = readFileSync(require.resolve('sh-syntax/main.wasm'));
    const module = new wasm.Module(bytes);
    // A getter with one parameter makes sh-syntax call it with the Go imports and use the instance.
    const instantiate = (imports: unknown) => new wasm.Instance(module, imports);
    processor = getProcessor(instantiate as unknown as Parameters<typeof getProcessor>[0]) as unknown as Processor;
  } catch (error) {
    processorFailed = String(error);
  }
  return processor;
}

/**
 * Calls are serialized: each one owns a Go runtime of several MB until it finishes, and a thousand
 * concurrent calls were measured at 630 MB RSS. One at a time keeps memory flat and costs nothing,
 * since WebAssembly runs on the main thread anyway.
 */
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Byte offset (UTF-8, what Go reports) → UTF-16 offset. Identity for ASCII text. */
function byteToUtf16(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => Math.min(b, text.length);
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (b) => map[Math.max(0, Math.min(b, map.length - 1))]!;
}

/** Words that are fine in `isPlainCommandList` (no quoting, expansion, redirection, globbing or comment). */
const PLAIN_WORD = /^[A-Za-z0-9_./:@%+,=-]+$/;

/**
 * Words that mean something to the parser (bash reserved words, and builtins whose operands
 * mvdan/sh parses: `let` arithmetic, declaration clauses). Rejected anywhere in a
 * command, not only first: a cheap check has no business deciding where a word is reserved.
 */
const PARSER_WORDS = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', 'select',
  'function', 'time', 'coproc', 'let', 'export', 'declare', 'local', 'readonly', 'typeset', 'nameref', 'eval',
]);

/**
 * True when `text` is a list of plain simple commands — unquoted words of `PLAIN_WORD`
 * characters separated by spaces and tabs, joined by `&&`, `||`, `|`, `;`, `&` and newlines, no
 * operator without a command on each side — which bash (and mvdan/sh) always accepts. A
 * backslash-newline is removed first, as bash does (`i\\<newline>f` is `if`). Callers may skip
 * `checkShellSyntax` for such text: it could only answer "no error" (see ./index.ts).
 * `syntax.test.ts` checks the claim against the parser on generated scripts.
 */
export function isPlainCommandList(text: string): boolean {
  if (text.length > 4096) return false;
  const tokens = text.replace(/\\\n/g, '').match(/&&|\|\||[;|&\n]|[ \t]+|[^ \t\n;|&]+/g) ?? [];
  // 'start': a command may begin; 'word': inside a command; 'after-op': a command must follow.
  let state: 'start' | 'word' | 'after-op' = 'start';
  for (const t of tokens) {
    const c = t.charCodeAt(0);
    if (c === 32 || c === 9) continue;
    if (t === '\n') {
      if (state === 'word') state = 'start';
      continue;
    }
    if (t === '&&' || t === '||' || t === '|') {
      if (state !== 'word') return false;
      state = 'after-op';
      continue;
    }
    if (t === ';' || t === '&') {
      if (state !== 'word') return false;
      state = 'start';
      continue;
    }
    if (!PLAIN_WORD.test(t) || PARSER_WORDS.has(t)) return false;
    state = 'word';
  }
  return state !== 'after-op';
}

/** Parses `text` as bash. Never throws: an unusable parser is reported as an error at offset 0. */
export async function checkShellSyntax(text: string): Promise<ShellSyntaxResult> {
  const proc = getShellProcessor();
  if (!proc) return { statements: [], error: { offset: 0, message: `shell parser unavailable: ${processorFailed}` } };
  const toUtf16 = byteToUtf16(text);
  try {
    const file = await serialized(() => proc(text, { keepComments: false }));
    return {
      statements: (file.Stmts ?? []).map((s) => ({ start: toUtf16(s.Pos.Offset), end: toUtf16(s.End.Offset) })),
    };
  } catch (error) {
    // A script nested thousands of levels deep exhausts the parser's JavaScript stack: say what
    // happened in the script's terms, not V8's ("Maximum call stack size exceeded").
    if (error instanceof RangeError) return { statements: [], error: { offset: 0, message: 'nested too deeply for the shell parser' } };
    const e = error as { Pos?: { Offset: number }; message?: string; Text?: string };
    const message = String(e.Text ?? e.message ?? error).replace(/^[^:]*:\d+:\d+: /, '');
    return { statements: [], error: { offset: e.Pos ? toUtf16(e.Pos.Offset) : 0, message } };
  }
}
