// One self-contained HTML file: no network assets (inline CSS and script, and a Content
// Security Policy of `default-src 'none'` that would block any), readable without script.
// Sections: counts, the environment matrix (drift rows highlighted, each value's sources on
// hover), the findings with code frames, environment reasons, fixes and the other side of a
// drift, and the files godrift could not fully read. The script only filters findings by rule,
// severity and environment. Every scanned value goes through escapeHtml; the script is allowed
// by its hash, so even a value that slipped through could not run.
import { createHash } from 'node:crypto';
import type { Finding, Span } from '../core/types.js';
import type { MatrixValue } from '../resolve/matrix.js';
import { escapeHtml as h } from './escape.js';
import { ruleHelpUri } from './links.js';
import { placeOf } from './span.js';
import type { Reporter, ReportInput } from './types.js';

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--err:#cf222e;--warn:#9a6700;--note:#0969da;--drift:#fff8c5;--mark:#ffebe9}
*{box-sizing:border-box}body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted)}.counts span{margin-right:14px;font-weight:600}.c-error{color:var(--err)}.c-warning{color:var(--warn)}.c-note{color:var(--note)}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}tr.drift td{background:var(--drift)}tr.drift td:first-child{font-weight:600}.unset{color:var(--muted)}.unresolved{font-style:italic}
code,pre,.frame{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.filters{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0 12px}.filters label{font-weight:600}
.finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:8px 12px;margin:10px 0}
.finding.error{border-left-color:var(--err)}.finding.warning{border-left-color:var(--warn)}.finding.note{border-left-color:var(--note)}
.finding .head{display:flex;gap:8px;flex-wrap:wrap;align-items:baseline}.sev{font-weight:700;text-transform:uppercase;font-size:11px}
.finding.error .sev{color:var(--err)}.finding.warning .sev{color:var(--warn)}.finding.note .sev{color:var(--note)}
.loc{font-family:ui-monospace,Menlo,monospace;font-size:12px}.rule{font-size:12px}.env{font-size:12px;background:#eef1f4;border-radius:10px;padding:0 8px}
.msg{margin:4px 0}.frame{background:#f6f8fa;border:1px solid var(--line);border-radius:4px;margin:6px 0;padding:4px 0;overflow-x:auto}
.frame div{white-space:pre;padding:0 8px}.frame .ln{display:inline-block;min-width:3em;color:var(--muted);user-select:none}.frame .hit{background:#fff8c5}
.frame mark{background:var(--mark);outline:1px solid var(--err)}.help,.fix,.reason{margin:2px 0}.help b,.fix b,.reason b{margin-right:4px}
.related{margin:6px 0 0 16px}.hidden{display:none}
`;

const SCRIPT = `(function(){var f=document.querySelectorAll('select[data-filter]');var items=document.querySelectorAll('.finding');var shown=document.getElementById('shown');function apply(){var want={};f.forEach(function(s){want[s.dataset.filter]=s.value});var n=0;items.forEach(function(el){var ok=(!want.rule||el.dataset.rule===want.rule)&&(!want.severity||el.dataset.severity===want.severity)&&(!want.environment||el.dataset.environment===want.environment);el.classList.toggle('hidden',!ok);if(ok)n++});if(shown)shown.textContent=String(n)}f.forEach(function(s){s.addEventListener('change',apply)});apply()})();`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

const where = placeOf;

/** The span's line with one line of context either side, the span marked on its first line. */
function frame(input: ReportInput, span: Span): string {
  if (!span.start) return '';
  const first = Math.max(1, span.start.line - 1);
  const rows: string[] = [];
  for (let n = first; n <= span.start.line + 1; n++) {
    const text = input.lineText(span.path, n);
    if (text === undefined) continue;
    let body = h(text);
    if (n === span.start.line) {
      const from = span.start.column - 1;
      const to = span.end && span.end.line === n ? span.end.column - 1 : text.length;
      body = `${h(text.slice(0, from))}<mark>${h(text.slice(from, Math.max(from, to)))}</mark>${h(text.slice(Math.max(from, to)))}`;
    }
    rows.push(`<div${n === span.start.line ? ' class="hit"' : ''}><span class="ln">${n}</span>${body}</div>`);
  }
  return rows.length > 0 ? `<div class="frame">${rows.join('')}</div>` : '';
}

function findingHtml(input: ReportInput, f: Finding): string {
  const related = f.related
    .map((r) => `<div class="related"><div><b>=</b> ${r.environment ? `<span class="env">${h(r.environment)}</span> ` : ''}<span class="loc">${h(where(r.span))}</span>: ${h(r.message)}</div>${frame(input, r.span)}</div>`)
    .join('');
  const fix = f.fix && f.fix.length > 0 ? `<div class="fix"><b>autofix:</b>${f.fix.map((e) => ` replace in <span class="loc">${h(e.path)}</span> with <code>${h(e.text)}</code>`).join(';')}</div>` : '';
  return [
    `<article class="finding ${f.severity}" data-rule="${h(f.ruleId)}" data-severity="${f.severity}" data-environment="${h(f.environment)}">`,
    `<div class="head"><span class="sev">${f.severity}</span><span class="loc">${h(where(f.span))}</span><a class="rule" href="${h(ruleHelpUri(f.ruleId))}">${h(f.ruleId)}</a><span class="env">${h(f.environment)}</span></div>`,
    `<div class="msg">${h(f.message)}</div>`,
    frame(input, f.span),
    f.environmentReason ? `<div class="reason"><b>why ${h(f.environment)}:</b>${h(f.environmentReason)}</div>` : '',
    `<div class="help"><b>help:</b>${h(f.remediation)}</div>`,
    fix,
    related,
    '</article>',
  ].join('');
}

function cell(values: MatrixValue[] | undefined): string {
  if (!values || values.length === 0) return '<td class="unset">–</td>';
  const title = values.map((v) => `${v.path}${v.line !== null ? `:${v.line}:${v.column}` : ''} (${v.origin})`).join('\n');
  const shown = [...new Set(values.map((v) => (!v.literal ? `<span class="unresolved">‹${h(v.value)}›</span>` : v.value === '' ? '<code>""</code>' : h(v.value))))];
  return `<td title="${h(title).replace(/\\x0a/g, '&#10;')}">${shown.join('<br>')}</td>`;
}

function options(name: string, label: string, values: string[]): string {
  const opts = [...new Set(values)].sort().map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  return `<label for="f-${name}">${label}</label><select id="f-${name}" data-filter="${name}"><option value="">all</option>${opts}</select>`;
}

export const htmlReporter: Reporter = (input) => {
  const matrix = input.matrix();
  const count = (s: string) => input.findings.filter((f) => f.severity === s).length;
  const multiTarget = new Set(matrix.rows.map((r) => r.target)).size > 1;
  const matrixRows = matrix.rows
    .map((r) => {
      const name = `${multiTarget ? `${r.target}: ` : ''}${r.key === null ? r.variable : `${r.variable} ${r.key}`}`;
      return `<tr${r.drift ? ' class="drift"' : ''}><td>${h(name)}${r.drift ? ' ⚠ drift' : ''}</td>${matrix.environments.map((e) => cell(r.cells[e])).join('')}</tr>`;
    })
    .join('\n');
  const extra: string[] = [];
  if (input.suppressedCount > 0) extra.push(`${input.suppressedCount} suppressed`);
  if (input.baselinedCount > 0) extra.push(`${input.baselinedCount} baselined`);
  const diagnostics = input.diagnostics
    .map((d) => `<li><span class="loc">${h(d.line !== undefined ? `${d.path}:${d.line}:${d.column ?? 1}` : d.path)}</span>: ${h(d.severity)}: ${h(d.message)} <code>${h(d.code)}</code></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="godrift ${h(input.toolVersion)}">
<title>godrift report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>godrift report</h1>
<div class="meta">${input.filesRead} files read of ${input.filesSeen} · godrift ${h(input.toolVersion)}${extra.length ? ` · ${extra.join(' · ')}` : ''} · fails on ${h(input.failOn)}</div>
<div class="counts"><span class="c-error">${count('error')} errors</span><span class="c-warning">${count('warning')} warnings</span><span class="c-note">${count('note')} notes</span></div>
<h2>Environment matrix</h2>
${
  matrix.rows.length === 0
    ? '<p>No Go settings found.</p>'
    : `<table id="matrix"><thead><tr><th>setting</th>${matrix.environments.map((e) => `<th>${h(e)}</th>`).join('')}</tr></thead><tbody>\n${matrixRows}\n</tbody></table>
<p class="meta">– not set: Go's default applies. "" set to the empty string. ‹…› a value godrift cannot resolve. Highlighted rows differ between test and production; hover a value for where it is set.</p>`
}
<h2>Findings</h2>
<div class="filters">${options('rule', 'rule', input.findings.map((f) => f.ruleId))}${options('severity', 'severity', input.findings.map((f) => f.severity))}${options('environment', 'environment', input.findings.map((f) => f.environment))}<span class="meta"><span id="shown">${input.findings.length}</span> of ${input.findings.length} shown</span></div>
<div id="findings">
${input.findings.length === 0 ? '<p>No findings.</p>' : input.findings.map((f) => findingHtml(input, f)).join('\n')}
</div>
${diagnostics ? `<h2>Files godrift could not fully read</h2><ul>${diagnostics}</ul>` : ''}
<script>${SCRIPT}</script>
</body>
</html>
`;
};
