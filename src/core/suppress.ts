// Inline suppressions: `godrift-ignore <rule-id>[,<rule-id>…] -- <reason>` in the file's own
// comment syntax (#, //, ;), on the finding's line or the line above. A reason is required;
// a suppression without one does not apply and is reported, so ignores never fail silently.
import type { Diagnostic, Finding } from './types.js';

export interface Suppression {
  path: string;
  /** 1-based line of the comment. */
  line: number;
  column: number;
  ruleIds: string[];
  reason: string;
  /** Set when at least one finding was suppressed by it. */
  used: boolean;
}

const DIRECTIVE = /(?:#|\/\/|;|<!--)\s*godrift-ignore(?:\s+([A-Za-z0-9_,\s-]+?))?\s*(?:--\s*(.*?))?\s*(?:-->)?\s*$/;

/** Suppressions written in one file. */
export function parseSuppressions(path: string, text: string, diagnostics: Diagnostic[]): Suppression[] {
  if (!text.includes('godrift-ignore')) return [];
  const out: Suppression[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = line.indexOf('godrift-ignore');
    if (at < 0) continue;
    const m = DIRECTIVE.exec(line.replace(/\r$/, ''));
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
    out.push({ path, line: i + 1, column, ruleIds: ids, reason, used: false });
  }
  return out;
}

/** Splits findings into kept and suppressed, marking suppressions that were used. */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
): { kept: Finding[]; suppressed: Array<{ finding: Finding; suppression: Suppression }> } {
  const byPathLine = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const k = `${s.path}\u0000${s.line}`;
    byPathLine.set(k, [...(byPathLine.get(k) ?? []), s]);
  }
  const kept: Finding[] = [];
  const suppressed: Array<{ finding: Finding; suppression: Suppression }> = [];
  for (const f of findings) {
    const line = f.span.start?.line;
    let hit: Suppression | undefined;
    if (line !== undefined) {
      for (const l of [line, line - 1]) {
        hit = (byPathLine.get(`${f.span.path}\u0000${l}`) ?? []).find((s) => s.ruleIds.includes(f.ruleId));
        if (hit) break;
      }
    }
    if (hit) {
      hit.used = true;
      suppressed.push({ finding: f, suppression: hit });
    } else kept.push(f);
  }
  return { kept, suppressed };
}
