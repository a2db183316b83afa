// GitHub Actions: one workflow command per finding, which GitHub shows as an annotation on the
// pull request's diff, and per file problem. Notes become `::notice`. The job summary (Markdown
// with the matrix) is markdownReport; the CLI appends it to $GITHUB_STEP_SUMMARY.
// Columns: GitHub takes `col`/`endColumn` only on single-line annotations and treats endColumn
// as inclusive, so the exclusive span end is shifted by one. GitHub shows at most 10 error and
// 10 warning annotations per step; the summary and SARIF carry everything.
import type { Finding, Span } from '../core/types.js';
import { escapeTerminal, escapeWorkflowData, escapeWorkflowProperty } from './escape.js';
import { insideFile, repositoryPaths } from './span.js';
import type { Reporter } from './types.js';

/** Scanned-root path → repository path: annotations attach to files of the repository's diff. */
type RepoPath = (path: string) => string;

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

function properties(span: Span, title: string, repoPath: RepoPath): string {
  const props: string[] = [`file=${escapeWorkflowProperty(repoPath(span.path))}`];
  if (span.start) {
    props.push(`line=${span.start.line}`);
    const end = span.end;
    if (end && end.line === span.start.line) {
      props.push(`endLine=${end.line}`, `col=${span.start.column}`, `endColumn=${Math.max(span.start.column, end.column - 1)}`);
    } else if (end) props.push(`endLine=${end.line}`);
  }
  props.push(`title=${escapeWorkflowProperty(title)}`);
  return props.join(',');
}

function annotation(f: Finding, repoPath: RepoPath): string {
  const inside = f.span.start ? [] : insideFile(f.span);
  const logical = inside.length > 0 ? ` (${inside.join(' › ')})` : '';
  const related = f.related.map((r) => `\n${r.environment ? `${r.environment}: ` : ''}${escapeTerminal(repoPath(r.span.path))}${r.span.start ? `:${r.span.start.line}:${r.span.start.column}` : ''}: ${escapeTerminal(r.message)}`).join('');
  const message = `${escapeTerminal(f.message)}${escapeTerminal(logical)}\nhelp: ${escapeTerminal(f.remediation)}${related}`;
  return `::${COMMAND[f.severity]} ${properties(f.span, `godrift ${f.ruleId} (${f.environment})`, repoPath)}::${escapeWorkflowData(message)}`;
}

export const githubReporter: Reporter = (input) => {
  const repoPath = repositoryPaths(input);
  const lines = input.findings.map((f) => annotation(f, repoPath));
  for (const d of input.diagnostics) {
    const span: Span = { path: d.path, ...(d.line !== undefined ? { start: { line: d.line, column: d.column ?? 1, offset: 0 } } : {}) };
    lines.push(`::${COMMAND[d.severity]} ${properties(span, `godrift could not fully read this file (${d.code})`, repoPath)}::${escapeWorkflowData(escapeTerminal(d.message))}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
};
