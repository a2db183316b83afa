// The contract every extractor implements. Extractors know syntax, not policy: they emit
// observations with exact spans and diagnostics for what they could not read, and never judge.
import type { Diagnostic, Observation } from '../core/types.js';

/** One file handed to an extractor. */
export interface SourceFile {
  /** Repository-relative path with `/` separators (what spans carry). */
  path: string;
  /** Absolute path on disk (for extractors that need siblings, e.g. env_file, EnvironmentFile=). */
  absolutePath: string;
  /** Full text (UTF-8 decoded). */
  text: string;
}

export interface ExtractResult {
  observations: Observation[];
  diagnostics: Diagnostic[];
}

/** Read access to other files of the scanned tree, confined to the scan root. */
export interface SourceContext {
  /** Reads a repository-relative file; undefined when missing, unreadable, outside the root or too large. */
  readFile(path: string): string | undefined;
  /** Repository-relative paths of all files the scan walked (already filtered by ignores). */
  allFiles: readonly string[];
}

export interface Extractor {
  /** Stable id: `dockerfile`, `kubernetes`, `helm`, `compose`, `github-actions`, … */
  id: string;
  /**
   * Cheap decision from the path alone (and, when given, the first bytes of the file) whether this
   * extractor wants the file. Must not read the disk.
   */
  matches(path: string, head?: string): boolean;
  /** Extract observations. Must not throw on bad input: report a Diagnostic instead. */
  extract(file: SourceFile, context: SourceContext): Promise<ExtractResult> | ExtractResult;
  /**
   * Optional prefilter on the raw bytes: true when extract() would return nothing for this
   * file, so the scan need not decode it as UTF-8 (GOROOT: 230 MB of Go sources, almost none of
   * it configuration). `latin1` is the same bytes one character each (ASCII text matches as
   * written). Must be exact: a test checks it against extract().
   */
  holdsNothing?(bytes: Buffer, latin1: string): boolean;
}
