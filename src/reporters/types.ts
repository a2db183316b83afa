// What every reporter receives. Reporters only format: no rules, no I/O.
import type { Diagnostic, Finding, Severity } from '../core/types.js';
import type { Matrix } from '../resolve/matrix.js';
import type { RuleMeta } from '../rules/types.js';

export interface ReportInput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  suppressedCount: number;
  /** Findings left out because the baseline file lists them (`godrift baseline`). */
  baselinedCount: number;
  filesRead: number;
  filesSeen: number;
  elapsedMs: number;
  /** Text of a line (1-based) of a scanned file, for code frames. */
  lineText(path: string, line: number): string | undefined;
  color: boolean;
  toolVersion: string;
  /** Metadata of every rule godrift knows, sorted by id (SARIF `rules[]`, JUnit suites, filters). */
  rules: readonly RuleMeta[];
  /** The settings matrix (rows × environments), built on first call (job summary, HTML). */
  matrix(): Matrix;
  /** Absolute path of the scanned root, `/`-separated. */
  root: string;
  /**
   * Absolute path of the repository the scanned root belongs to, `/`-separated: the root itself
   * or a directory above it. SARIF and GitHub annotations give paths from here, since code
   * scanning and the pull-request diff resolve them against the repository, not against a
   * scanned subdirectory (`godrift scan services/api`).
   */
  repositoryRoot: string;
  /** `--fail-on`: findings at or above it fail the run (JUnit failures, summaries). */
  failOn: Severity | 'none';
}

export type Reporter = (input: ReportInput) => string;
