// Formats the settings matrix for an 80-column terminal: one row per setting with the value per
// environment (`-` = not set, Go's default applies; `…` = several values), drift rows marked
// with `!`, then each row's sources.
import type { Matrix, MatrixValue } from '../resolve/matrix.js';
import { escapeTerminal } from './escape.js';

function truncate(s: string, width: number): string {
  return s.length <= width ? s.padEnd(width) : `${s.slice(0, width - 1)}…`;
}

function cellText(values: MatrixValue[] | undefined): string {
  if (!values || values.length === 0) return '-';
  const distinct = [...new Set(values.map((v) => (!v.literal ? `‹${v.value}›` : v.value === '' ? '""' : v.value)))];
  return distinct.length === 1 ? distinct[0]! : `${distinct[0]} (+${distinct.length - 1})`;
}

export function formatMatrixText(matrix: Matrix, width = 80): string {
  const envs = matrix.environments;
  const nameWidth = Math.max(16, Math.min(28, width - 2 - envs.length * 12));
  const colWidth = Math.max(8, Math.floor((width - 2 - nameWidth) / Math.max(1, envs.length)) - 1);
  const lines: string[] = [];
  lines.push(`  ${truncate('setting', nameWidth)} ${envs.map((e) => truncate(e, colWidth)).join(' ')}`.trimEnd());
  lines.push(`  ${'-'.repeat(nameWidth)} ${envs.map(() => '-'.repeat(colWidth)).join(' ')}`);
  const multiTarget = new Set(matrix.rows.map((r) => r.target)).size > 1;
  for (const row of matrix.rows) {
    const name = `${multiTarget ? `${row.target}: ` : ''}${row.key === null ? row.variable : `${row.variable} ${row.key}`}`;
    const cells = envs.map((e) => truncate(escapeTerminal(cellText(row.cells[e])), colWidth));
    lines.push(`${row.drift ? '! ' : '  '}${truncate(escapeTerminal(name), nameWidth)} ${cells.join(' ')}`.trimEnd());
  }
  lines.push('');
  lines.push('sources:');
  for (const row of matrix.rows) {
    const name = row.key === null ? row.variable : `${row.variable} ${row.key}`;
    lines.push(`  ${escapeTerminal(name)}${row.drift ? ' (drift)' : ''}`);
    for (const e of envs) {
      for (const v of row.cells[e] ?? []) {
        const at = v.line !== null ? `${v.path}:${v.line}:${v.column}` : v.path;
        lines.push(`    ${e}: ${escapeTerminal(v.literal ? `"${v.value}"` : `unresolved ${v.value}`)} from ${escapeTerminal(at)} (${v.origin})`);
      }
    }
  }
  if (matrix.rows.length === 0) lines.push('  no Go settings found');
  lines.push('');
  lines.push("'-' not set: Go's default applies.  '!' drift between test and production.");
  lines.push("'‹…›' a value godrift cannot resolve.  '(+N)' N more values in other contexts.");
  lines.push("'\"\"' set to the empty string.");
  return lines.join('\n') + '\n';
}
