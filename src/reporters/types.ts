// What every reporter receives. Reporters only format: no rules, no I/O.
import type { Diagnostic, Finding } from '../core/types.js';

export interface ReportInput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  suppressedCount: number;
  filesRead: number;
  filesSeen: number;
  elapsedMs: number;
  /** Text of a line (1-based) of a scanned file, for code frames. */
  lineText(path: string, line: number): string | undefined;
  color: boolean;
  toolVersion: string;
}

export type Reporter = (input: ReportInput) => string;
