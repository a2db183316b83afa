// Inline suppressions: `godrift-ignore <rule-id>[,<rule-id>…] -- <reason>` in the file's own
// comment syntax (#, //, ;), on the finding's line or the line above. A reason is required;
// a suppression without one does not apply and is reported, so ignores never fail silently.
// Which rule ids of a directive matched a finding is recorded whether or not suppressions
// apply (`--no-inline-ignores`), so the inline-ignore rule can report stale ones either way.
import type { Diagnostic, Finding, Span } from './types.js';

export interface Suppression {
  path: string;
  /** 1-based line of the comment. */
  line: number;
  /** 1-based column (UTF-16 code units) where the comment starts. */
  column: number;
  /** The comment itself, from its comment marker to the end of the line (trailing blanks trimmed). */
  span: Span;
  ruleIds: string[];
  reason: string;
  /** Set when at least one finding was matched by it. */
  used: boolean;
  /** The rule ids of this directive that matched at least one finding (before suppression applies). */
  usedRuleIds: string[];
}

const DIRECTIVE = /(?:#|\/\/|;|<!--)\s*godrift-ignore(?:\s+([A-Za-z0-9_,\s-]+?))?\s*(?:--\s*(.*?))?\s*(?:-->)?\s*$/;

/** Suppressions written in one file. */
export function parseSuppressions(path: string, text: string, diagnostics: Diagnostic[]): Suppression[] {
  if (!text.includes('godrift-ignore')) return [];
  const out: Suppression[] = [];
  const lines = text.split('\n');
  let lineOffset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const startOfLine = lineOffset;
    lineOffset += line.length + 1;
    const at = line.indexOf('godrift-ignore');
    if (at < 0) continue;
    const clean = line.replace(/\r$/, '');
    const m = DIRECTIVE.exec(clean);
    if (!m) continue;
    const column = (m.index ?? at) + 1;
    const ids = (m[1] ?? '').split(/[\s,]+/).filter(Boolean);
    const reason = (m[2] ?? '').trim();
    if (ids.length === 0) {
      diagnostics.push({ path, line: i + 1, column, severity: 'warning', code: 'suppression-invalid', message: 'godrift-ignore needs a rule id: `godrift-ignore <rule-id> -- <reason>`' });
      continue;
    }
    if (reason === '') {
      diagnostics.push({ path, line: i + 1, column, severity: 'warning', code: 'suppression-invalid', message: `godrift-ignore ${ids.join(',')} has no reason and is not applied: add \` -- <why>\`` });
      continue;
    }
    const endColumn = clean.trimEnd().length + 1;
    const span: Span = {
      path,
      start: { line: i + 1, column, offset: startOfLine + column - 1 },
      end: { line: i + 1, column: endColumn, offset: startOfLine + endColumn - 1 },
    };
    out.push({ path, line: i + 1, column, span, ruleIds: ids, reason, used: false, usedRuleIds: [] });
  }
  return out;
}

/** The suppression (if any) that matches a finding: same rule id, on its line or the line above. */
function matchFor(f: Finding, byPathLine: Map<string, Suppression[]>): Suppression | undefined {
  const line = f.span.start?.line;
  if (line === undefined) return undefined;
  for (const l of [line, line - 1]) {
    const hit = (byPathLine.get(`${f.span.path}\u0000${l}`) ?? []).find((s) => s.ruleIds.includes(f.ruleId));
    if (hit) return hit;
  }
  return undefined;
}

function index(suppressions: Suppression[]): Map<string, Suppression[]> {
  const byPathLine = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const k = `${s.path}\u0000${s.line}`;
    byPathLine.set(k, [...(byPathLine.get(k) ?? []), s]);
  }
  return byPathLine;
}

/** Records, on each suppression, which of its rule ids match a finding. Suppresses nothing. */
export function markSuppressionUse(findings: readonly Finding[], suppressions: Suppression[]): void {
  const byPathLine = index(suppressions);
  for (const f of findings) {
    const hit = matchFor(f, byPathLine);
    if (!hit) continue;
    hit.used = true;
    if (!hit.usedRuleIds.includes(f.ruleId)) hit.usedRuleIds.push(f.ruleId);
  }
}

/** Splits findings into kept and suppressed, marking suppressions that were used. */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
): { kept: Finding[]; suppressed: Array<{ finding: Finding; suppression: Suppression }> } {
  markSuppressionUse(findings, suppressions);
  const byPathLine = index(suppressions);
  const kept: Finding[] = [];
  const suppressed: Array<{ finding: Finding; suppression: Suppression }> = [];
  for (const f of findings) {
    const hit = matchFor(f, byPathLine);
    if (hit) suppressed.push({ finding: f, suppression: hit });
    else kept.push(f);
  }
  return { kept, suppressed };
}
