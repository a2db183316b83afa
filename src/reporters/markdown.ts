// Markdown for pull-request comments and the GitHub job summary: a headline with the counts,
// the findings as a table (location, rule, message and fix), the environment matrix with drift
// marked, and the files godrift could not read. Every scanned value goes through
// escapeMarkdown (no raw HTML, no Markdown syntax, no @mentions from a scanned file).
// GitHub caps a comment at 65,536 characters: the findings table stops at MAX_ROWS.
import type { Finding, Severity } from '../core/types.js';
import type { Matrix, MatrixValue } from '../resolve/matrix.js';
import { escapeMarkdown } from './escape.js';
import { ruleHelpUri } from './links.js';
import { placeOf } from './span.js';
import type { Reporter, ReportInput } from './types.js';

const MAX_ROWS = 200;
const MAX_MATRIX_ROWS = 200;
const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', note: '🔵 note' };

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}

function where(f: Finding): string {
  return placeOf(f.span);
}

export function headline(input: ReportInput): string {
  const count = (s: Severity) => input.findings.filter((f) => f.severity === s).length;
  const total = input.findings.length;
  if (total === 0) return 'godrift: no findings';
  return `godrift: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')}`;
}

function details(input: ReportInput): string {
  const parts = [`${plural(input.filesRead, 'file')} read of ${input.filesSeen}`];
  if (input.suppressedCount > 0) parts.push(`${input.suppressedCount} suppressed`);
  if (input.baselinedCount > 0) parts.push(`${input.baselinedCount} baselined`);
  if (input.diagnostics.length > 0) parts.push(plural(input.diagnostics.length, 'file problem'));
  parts.push(`fails on ${input.failOn}`);
  parts.push(`godrift ${escapeMarkdown(input.toolVersion)}`);
  return parts.join(' · ');
}

function cellText(values: MatrixValue[] | undefined): string {
  if (!values || values.length === 0) return '–';
  const distinct = [...new Set(values.map((v) => (!v.literal ? `‹${escapeMarkdown(v.value)}›` : v.value === '' ? '""' : escapeMarkdown(v.value))))];
  return distinct.join('<br>');
}

export function matrixMarkdown(matrix: Matrix): string[] {
  const out: string[] = [];
  const drifting = matrix.rows.filter((r) => r.drift).length;
  out.push(`<details${drifting > 0 ? ' open' : ''}><summary>Environment matrix: ${plural(matrix.rows.length, 'setting')}, ${drifting} with drift</summary>`, '');
  if (matrix.rows.length === 0) {
    out.push('No Go settings found.', '', '</details>');
    return out;
  }
  const multiTarget = new Set(matrix.rows.map((r) => r.target)).size > 1;
  out.push(`| Setting | ${matrix.environments.join(' | ')} |`);
  out.push(`| --- | ${matrix.environments.map(() => '---').join(' | ')} |`);
  for (const row of matrix.rows.slice(0, MAX_MATRIX_ROWS)) {
    const name = escapeMarkdown(`${multiTarget ? `${row.target}: ` : ''}${row.key === null ? row.variable : `${row.variable} ${row.key}`}`);
    out.push(`| ${row.drift ? `**${name}** ⚠️ drift` : name} | ${matrix.environments.map((e) => cellText(row.cells[e])).join(' | ')} |`);
  }
  if (matrix.rows.length > MAX_MATRIX_ROWS) out.push('', `… and ${matrix.rows.length - MAX_MATRIX_ROWS} more settings (see \`godrift matrix\`).`);
  out.push('', "– not set: Go's default applies. \"\" set to the empty string. ‹…› a value godrift cannot resolve.", '', '</details>');
  return out;
}

/** The Markdown document; `matrix: false` leaves the environment matrix out. */
export function markdownReport(input: ReportInput, options: { matrix: boolean } = { matrix: true }): string {
  const out: string[] = [`### ${headline(input)}`, '', details(input), ''];
  if (input.findings.length > 0) {
    out.push('| Severity | Location | Rule | Finding |', '| --- | --- | --- | --- |');
    for (const f of input.findings.slice(0, MAX_ROWS)) {
      const related = f.related.map((r) => `<br>↳ ${r.environment ? `${r.environment}: ` : ''}${escapeMarkdown(where({ ...f, span: r.span }))}: ${escapeMarkdown(r.message)}`).join('');
      out.push(
        `| ${ICON[f.severity]} | ${escapeMarkdown(where(f))} | [${f.ruleId}](${ruleHelpUri(f.ruleId)}) | ${escapeMarkdown(f.message)}<br>**help:** ${escapeMarkdown(f.remediation)}${related} |`,
      );
    }
    if (input.findings.length > MAX_ROWS) out.push('', `… and ${input.findings.length - MAX_ROWS} more findings (see the full report).`);
    out.push('');
  }
  if (options.matrix) out.push(...matrixMarkdown(input.matrix()), '');
  if (input.diagnostics.length > 0) {
    out.push('**Files godrift could not fully read**', '');
    for (const d of input.diagnostics) {
      const at = d.line !== undefined ? `${d.path}:${d.line}:${d.column ?? 1}` : d.path;
      out.push(`- ${escapeMarkdown(at)}: ${d.severity}: ${escapeMarkdown(d.message)} (${escapeMarkdown(d.code)})`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const markdownReporter: Reporter = (input) => markdownReport(input);
