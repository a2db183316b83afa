// The text reporter: findings grouped by file, `path:line:col: message [rule-id]`, a code frame
// with the span underlined, `note:` (why this environment), `help:` (the fix), and for drift the
// other environment's location as a second frame. Colour only when asked (TTY).
import type { Finding, RelatedLocation, Span } from '../core/types.js';
import { escapeTerminal } from './escape.js';
import { placeOf } from './span.js';
import type { Reporter, ReportInput } from './types.js';

const ESC = '\u001b[';
function paint(on: boolean, code: string, s: string): string {
  return on ? `${ESC}${code}m${s}${ESC}0m` : s;
}

/** `path:line:col`, or `path › name › …` in a binary or an image layer. */
export function location(span: Span): string {
  return placeOf(span);
}

/** A code frame: the line with its number and the span underlined (first line of the span only). */
function frame(input: ReportInput, span: Span, indent: string): string[] {
  if (!span.start || !span.end) return [];
  const text = input.lineText(span.path, span.start.line);
  if (text === undefined) return [];
  const num = String(span.start.line);
  const gutter = ' '.repeat(num.length);
  // Expand tabs so the underline lines up; escape control characters in the shown line.
  const shown = escapeTerminal(text.replace(/\t/g, '    '));
  const before = text.slice(0, span.start.column - 1);
  const startCol = before.replace(/\t/g, '    ').length;
  const endColumn = span.end.line === span.start.line ? span.end.column : text.length + 1;
  const width = Math.max(1, text.slice(span.start.column - 1, endColumn - 1).replace(/\t/g, '    ').length);
  return [
    `${indent}${paint(input.color, '2', `${num} |`)} ${shown}`,
    `${indent}${paint(input.color, '2', `${gutter} |`)} ${' '.repeat(startCol)}${paint(input.color, '1;31', '^'.repeat(Math.min(width, 200)))}`,
  ];
}

const SEVERITY_COLOR: Record<string, string> = { error: '1;31', warning: '1;33', note: '1;36' };

function relatedLines(input: ReportInput, r: RelatedLocation): string[] {
  const env = r.environment ? `${r.environment}: ` : '';
  return [`  ${paint(input.color, '1;34', '=')} ${env}${escapeTerminal(location(r.span))}: ${escapeTerminal(r.message)}`, ...frame(input, r.span, '    ')];
}

function findingLines(input: ReportInput, f: Finding): string[] {
  const head = `${escapeTerminal(location(f.span))}: ${paint(input.color, SEVERITY_COLOR[f.severity] ?? '1', f.severity)}: ${escapeTerminal(f.message)} ${paint(input.color, '2', `[${f.ruleId}]`)}`;
  const lines = [head, ...frame(input, f.span, '  ')];
  if (f.environmentReason) lines.push(`  ${paint(input.color, '1', 'note:')} ${f.environment}: ${escapeTerminal(f.environmentReason)}`);
  lines.push(`  ${paint(input.color, '1;32', 'help:')} ${escapeTerminal(f.remediation)}`);
  for (const r of f.related) lines.push(...relatedLines(input, r));
  return lines;
}

export function summaryLine(input: ReportInput): string {
  const count = (s: string) => input.findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('note'), 'note')];
  const suppressed = input.suppressedCount > 0 ? `, ${input.suppressedCount} suppressed` : '';
  const baselined = input.baselinedCount > 0 ? `, ${input.baselinedCount} baselined` : '';
  const diags = input.diagnostics.length > 0 ? `, ${plural(input.diagnostics.length, 'file problem')}` : '';
  return `${parts.join(', ')}${suppressed}${baselined}${diags}; ${plural(input.filesRead, 'file')} read of ${input.filesSeen} in ${(input.elapsedMs / 1000).toFixed(2)}s`;
}

export const textReporter: Reporter = (input) => {
  const out: string[] = [];
  let lastPath: string | undefined;
  for (const f of input.findings) {
    if (lastPath !== undefined && f.span.path !== lastPath) out.push('');
    lastPath = f.span.path;
    out.push(...findingLines(input, f), '');
  }
  if (input.diagnostics.length > 0) {
    out.push(paint(input.color, '1', 'files godrift could not fully read:'));
    for (const d of input.diagnostics) {
      const where = d.line !== undefined ? `${d.path}:${d.line}:${d.column ?? 1}` : d.path;
      out.push(`  ${escapeTerminal(where)}: ${d.severity}: ${escapeTerminal(d.message)} [${d.code}]`);
    }
    out.push('');
  }
  out.push(summaryLine(input));
  return out.join('\n') + '\n';
};
