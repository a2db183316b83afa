// The one shell extractor. Every piece of shell (scripts, Dockerfile RUN, workflow `run:`,
// GitLab `script:`, Makefile recipes) goes through extractShell so positions and semantics agree.
import type { LineIndex } from '../../core/text.js';
import type { Phase, ScopeLevel } from '../../core/types.js';
import type { ExtractResult } from '../types.js';

/** Where a piece of shell sits in its file and what it belongs to. */
export interface ShellContext {
  /** Repository-relative path of the file holding the shell text. */
  path: string;
  /** Line index of the whole file (positions are reported in file coordinates). */
  lines: LineIndex;
  /**
   * Maps an offset inside `script` to an offset in the file. Default: `baseOffset + offset`.
   * Needed when the host format transformed the text (YAML block scalars strip indentation).
   */
  mapOffset?: (scriptOffset: number) => number;
  /** File offset at which `script` starts when no mapOffset is given. */
  baseOffset?: number;
  scope: ScopeLevel[];
  phase: Phase;
  /**
   * Origins to use; defaults are shell-export / shell-assign / shell-env-command / shell-go-env-w.
   * Hosts override them (dockerfile-run, actions-run, make-recipe) so users see where a fact came from.
   */
  origin?: 'dockerfile-run' | 'actions-run' | 'gitlab-script' | 'make-recipe';
  goVersion?: string;
  variant?: string;
}

/**
 * Observations from shell text: `export X=…`, `X=… cmd`, `env X=… cmd`, `go env -w X=…`, and
 * plain `X=…` assignments. Implemented in ./index.ts.
 */
export type ExtractShell = (script: string, context: ShellContext) => Promise<ExtractResult>;
