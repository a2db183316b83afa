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
  compile(bytes: Uint8Array): Promise<unknown>;
  instantiate(module: unknown, imports: unknown): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let processor: Processor | undefined;
let processorFailed: string | undefined;

/**
 * sh-syntax's default `parse` compiles its 750 kB WebAssembly module on every call (~10 ms). We
 * compile it once and only instantiate per call (~1.5 ms): each call still needs a fresh Go
 * runtime because the module's `main` exits after one request.
 */
function getShellProcessor(): Processor | undefined {
  if (processor || processorFailed) return processor;
  try {
    const require = createRequire(import.meta.url);
    const bytes = readFileSync(require.resolve('sh-syntax/main.wasm'));
    const modulePromise = wasm.compile(bytes);
    // A getter with one parameter makes sh-syntax call it with the Go imports and use the instance.
    const instantiate = async (imports: unknown) => wasm.instantiate(await modulePromise, imports);
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
    const e = error as { Pos?: { Offset: number }; message?: string; Text?: string };
    const message = String(e.Text ?? e.message ?? error).replace(/^[^:]*:\d+:\d+: /, '');
    return { statements: [], error: { offset: e.Pos ? toUtf16(e.Pos.Offset) : 0, message } };
  }
}
