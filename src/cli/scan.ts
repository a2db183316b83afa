// Runs the whole pipeline over a directory: discovery → extraction → engine. The only place
// (with main.ts) that reads the scanned tree.
import { closeSync, openSync, readSync } from 'node:fs';
import { extname, isAbsolute, normalize } from 'node:path';
import type { Config } from '../config/schema.js';
import { runEngine, type EngineResult } from '../core/engine.js';
import type { Diagnostic, Observation } from '../core/types.js';
import { RULES } from '../rules/index.js';
import { dropShadowedDotenvFacts } from '../sources/dedupe.js';
import { extractorsFor } from '../sources/index.js';
import type { Extractor, SourceContext } from '../sources/types.js';
import { discover, type DiscoveredFile } from './discover.js';
import { LruCache } from '../sources/common/lru.js';
import { scanArtifacts } from '../artifacts/scan.js';

/** Text files larger than this are not parsed (a generated 50 MB manifest is not configuration). */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;
const HEAD_BYTES = 512;
/** Released texts kept for a second reader (see `recent` in scan()). */
const RECENT_TEXTS = 256;

export interface ScanOptions {
  root: string;
  paths?: readonly string[];
  config: Config;
  goVersion?: string;
  inlineIgnores: boolean;
  /** Extra Helm values files, repository-relative (--values). */
  valuesFiles?: readonly string[];
  /** Called with (files done, files total) while extracting. */
  progress?: (done: number, total: number) => void;
}

export interface ScanResult extends EngineResult {
  filesRead: number;
  filesSeen: number;
  elapsedMs: number;
  /** Text of every file that was read, for code frames. */
  texts: Map<string, string>;
}

function readHead(abs: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * One buffer every text file is read into (files over MAX_TEXT_BYTES are never read): a fresh
 * buffer per file costs page faults on first touch, and most files are dropped after a look at
 * their bytes (GOROOT: 230 MB of Go sources). Callers decode before the next read.
 */
let scratch: Buffer | undefined;

/**
 * Reads a file whose size the walk already knows into the shared buffer: open, read, close
 * (readFileSync adds an fstat and a read to find the end, 48,000 syscalls on the monorepo
 * benchmark). Reads what the walk saw: a file that grows while the scan runs is read up to its
 * size at that time. The result is only valid until the next call.
 */
function readWhole(abs: string, size: number): Buffer {
  scratch ??= Buffer.allocUnsafe(MAX_TEXT_BYTES);
  const fd = openSync(abs, 'r');
  try {
    let n = 0;
    while (n < size) {
      const r = readSync(fd, scratch, n, size - n, n);
      if (r === 0) break;
      n += r;
    }
    return scratch.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function looksBinary(buf: Buffer): boolean {
  // A NUL in the first 8000 bytes (git's heuristic); indexOf is native, the loop was not.
  return buf.subarray(0, 8000).indexOf(0) !== -1;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const EXTRACTORS = extractorsFor({ ...(options.valuesFiles ? { valuesFiles: options.valuesFiles } : {}) });
  const discovery = discover(options.root, options.config.ignore, options.paths);
  const diagnostics: Diagnostic[] = [...discovery.diagnostics];
  const observations: Observation[] = [];
  const texts = new Map<string, string>();
  /** Paths in the order they were first read (suppression comments are parsed in this order). */
  const readOrder: string[] = [];
  const everRead = new Set<string>();
  /**
   * Files whose text must outlive extraction: some fact or diagnostic points into them (code
   * frames, fixes), or they hold a suppression comment. Other texts are dropped as soon as their
   * file is done, which keeps peak memory near the largest file rather than the whole tree
   * (GOROOT: 230 MB of sources, almost none of it configuration). Another extractor asking for a
   * dropped file later gets it read again.
   */
  const keep = new Set<string>();
  /**
   * Texts released lately, for the extractor that asks for one again soon (a kustomization
   * builds the base and patches the walk has just passed): re-reading them was a third of the
   * monorepo's file opens. Bounded, so memory stays near the largest files.
   */
  const recent = new LruCache<string, string>(RECENT_TEXTS);
  const release = (path: string): void => {
    const text = texts.get(path);
    if (text !== undefined && !keep.has(path) && !text.includes('godrift-ignore')) {
      texts.delete(path);
      recent.set(path, text);
    }
  };
  const byPath = new Map(discovery.files.map((f) => [f.path, f]));
  const allFiles = discovery.files.map((f) => f.path);

  /**
   * Reads a file's text. With `skip`, a file whose bytes every candidate extractor rules out
   * (and that holds no suppression comment) is not decoded: null.
   */
  const readText = (file: DiscoveredFile, report: boolean, skip?: (bytes: Buffer, latin1: string) => boolean): string | null | undefined => {
    const cached = texts.get(file.path) ?? recent.get(file.path);
    if (cached !== undefined) {
      texts.set(file.path, cached);
      return cached;
    }
    if (file.size > MAX_TEXT_BYTES) {
      if (report) diagnostics.push({ path: file.path, severity: 'note', code: 'too-large', message: `file is ${(file.size / 1048576).toFixed(1)} MiB, over the ${MAX_TEXT_BYTES / 1048576} MiB limit for configuration files: not read` });
      return undefined;
    }
    let buf: Buffer;
    try {
      buf = readWhole(file.absolutePath, file.size);
    } catch (error) {
      if (report) diagnostics.push({ path: file.path, severity: 'warning', code: 'unreadable', message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return undefined;
    }
    if (looksBinary(buf)) {
      if (report) diagnostics.push({ path: file.path, severity: 'note', code: 'binary-file', message: 'binary content where a text file was expected: not read' });
      return undefined;
    }
    if (skip) {
      const latin1 = buf.toString('latin1');
      if (skip(buf, latin1) && !latin1.includes('godrift-ignore')) return null;
    }
    const text = buf.toString('utf8');
    if (!everRead.has(file.path)) {
      everRead.add(file.path);
      readOrder.push(file.path);
    }
    texts.set(file.path, text);
    return text;
  };

  const context: SourceContext = {
    allFiles,
    readFile(path: string) {
      if (isAbsolute(path)) return undefined;
      const clean = normalize(path).split('\\').join('/');
      if (clean.startsWith('../') || clean === '..') return undefined;
      const file = byPath.get(clean);
      return file ? (readText(file, false) ?? undefined) : undefined;
    },
  };

  // Go binaries and image archives go to the artifact reader (headers and build info only).
  const artifacts = await scanArtifacts(discovery.files);
  observations.push(...artifacts.observations);
  diagnostics.push(...artifacts.diagnostics);

  let filesRead = 0;
  let done = 0;
  for (const file of discovery.files) {
    done++;
    if (artifacts.handled.has(file.path)) continue;
    if (options.progress && done % 200 === 0) options.progress(done, discovery.files.length);
    let candidates: Extractor[] = EXTRACTORS.filter((e) => e.matches(file.path));
    let head: string | undefined;
    if (candidates.length === 0) {
      // Scripts without an extension are recognised by their shebang.
      if (extname(file.path) !== '' || file.size === 0) continue;
      head = readHead(file.absolutePath);
      if (head === undefined) continue;
      candidates = EXTRACTORS.filter((e) => e.matches(file.path, head));
      if (candidates.length === 0) continue;
    }
    const skip = candidates.every((e) => e.holdsNothing) ? (bytes: Buffer, latin1: string) => candidates.every((e) => e.holdsNothing!(bytes, latin1)) : undefined;
    const text = readText(file, true, skip);
    if (text === undefined) continue;
    filesRead++;
    if (text === null) continue;
    head ??= text.slice(0, HEAD_BYTES);
    for (const extractor of candidates) {
      if (!extractor.matches(file.path, head)) continue;
      try {
        const result = await extractor.extract({ path: file.path, absolutePath: file.absolutePath, text }, context);
        for (const o of result.observations) keep.add(o.span.path);
        for (const d of result.diagnostics) keep.add(d.path);
        observations.push(...result.observations);
        diagnostics.push(...result.diagnostics);
      } catch (error) {
        keep.add(file.path);
        diagnostics.push({ path: file.path, severity: 'error', code: 'extractor-failed', message: `${extractor.id} extractor failed: ${error instanceof Error ? error.message : String(error)} (please report this)` });
      }
    }
    release(file.path);
  }
  for (const d of diagnostics) keep.add(d.path);
  for (const p of [...texts.keys()]) release(p);
  if (options.progress) options.progress(discovery.files.length, discovery.files.length);

  const engine = runEngine({
    observations: dropShadowedDotenvFacts(observations),
    config: options.config,
    rules: RULES,
    ...(options.goVersion ? { goVersionOverride: options.goVersion } : {}),
    fileText: (p) => texts.get(p),
    inlineIgnores: options.inlineIgnores,
    filePaths: readOrder.filter((p) => texts.has(p)),
    complete: options.paths === undefined,
  });
  return {
    ...engine,
    diagnostics: [...diagnostics, ...engine.diagnostics],
    filesRead,
    filesSeen: discovery.files.length,
    elapsedMs: performance.now() - started,
    texts,
  };
}
