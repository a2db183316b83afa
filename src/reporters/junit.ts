// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, …).
// One <testsuite> per rule; in it one <testcase> per file with findings of that rule (a
// <failure> listing them when any is at or above --fail-on, else a passing case with the
// findings in <system-out>), or a single passing "no findings" case. Files godrift could not
// fully read form a last suite, their problems in <system-err> (the exit code does not count
// them, so neither does the report). Every scanned value goes through escapeXml.
import type { Finding } from '../core/types.js';
import { severityAtLeast } from '../core/engine.js';
import { location } from './text.js';
import { escapeXml } from './escape.js';
import { repositoryPaths } from './span.js';
import type { Reporter } from './types.js';

function findingText(f: Finding): string {
  const lines = [`${location(f.span)}: ${f.severity}: ${f.message} [${f.ruleId}]`, `  environment: ${f.environment}${f.environmentReason ? ` (${f.environmentReason})` : ''}`, `  help: ${f.remediation}`];
  for (const r of f.related) lines.push(`  = ${r.environment ? `${r.environment}: ` : ''}${location(r.span)}: ${r.message}`);
  return lines.map(escapeXml).join('\n');
}

export const junitReporter: Reporter = (input) => {
  // `file` is read against the repository by CI systems (GitLab links it to the file), so it is
  // the path from the repository root, as in SARIF and the GitHub annotations.
  const repoPath = repositoryPaths(input);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const rule of input.rules) {
    const mine = input.findings.filter((f) => f.ruleId === rule.id);
    const byFile = new Map<string, Finding[]>();
    for (const f of mine) byFile.set(f.span.path, [...(byFile.get(f.span.path) ?? []), f]);
    const cases: string[] = [];
    let suiteFailures = 0;
    const classname = `godrift.${rule.id}`;
    if (byFile.size === 0) cases.push(`    <testcase classname="${escapeXml(classname)}" name="no findings"/>`);
    for (const [path, list] of byFile) {
      const failing = list.filter((f) => severityAtLeast(f.severity, input.failOn));
      const body = list.map(findingText).join('\n\n');
      const head = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(path)}" file="${escapeXml(repoPath(path))}">`;
      if (failing.length > 0) {
        suiteFailures++;
        const worst = failing.some((f) => f.severity === 'error') ? 'error' : failing.some((f) => f.severity === 'warning') ? 'warning' : 'note';
        const message = `${list.length} ${rule.id} finding${list.length === 1 ? '' : 's'}: ${list[0]!.message}`;
        cases.push(`${head}\n      <failure type="${worst}" message="${escapeXml(message)}">${body}</failure>\n    </testcase>`);
      } else cases.push(`${head}\n      <system-out>${body}</system-out>\n    </testcase>`);
    }
    const count = Math.max(1, byFile.size);
    tests += count;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${escapeXml(rule.id)}" tests="${count}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (input.diagnostics.length > 0) {
    const byFile = new Map<string, string[]>();
    for (const d of input.diagnostics) {
      const at = d.line !== undefined ? `${d.path}:${d.line}:${d.column ?? 1}` : d.path;
      byFile.set(d.path, [...(byFile.get(d.path) ?? []), escapeXml(`${at}: ${d.severity}: ${d.message} [${d.code}]`)]);
    }
    const cases = [...byFile].map(([path, lines]) => `    <testcase classname="godrift.files" name="${escapeXml(path)}" file="${escapeXml(repoPath(path))}">\n      <system-err>${lines.join('\n')}</system-err>\n    </testcase>`);
    tests += cases.length;
    suites.push(`  <testsuite name="files godrift could not fully read" tests="${cases.length}" failures="0" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const time = (input.elapsedMs / 1000).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="godrift" tests="${tests}" failures="${failures}" errors="0" time="${time}">\n${suites.join('\n')}\n</testsuites>\n`;
};
