// End-to-end: several formats in one run, the baseline, and suppression comments as findings.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tableShapes } from './helpers/markdown-tables.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'godrift.js');

function godrift(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch copy of the bundled example, to write baselines and reports into. */
function example(): string {
  const dir = mkdtempSync(join(tmpdir(), 'godrift-reports-'));
  cpSync(join(root, 'examples', 'payments-api'), dir, { recursive: true });
  return dir;
}

describe('several formats in one run', () => {
  it('writes each --output with the --format before it, text on stdout, same exit code', () => {
    const dir = example();
    const r = godrift(['scan', dir, '--format', 'text', '--format', 'sarif', '--output', join(dir, 'godrift.sarif'), '--format', 'json', '--output', join(dir, 'out.json'), '--format', 'junit', '--output', join(dir, 'junit.xml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\d+ errors?, \d+ warnings?, \d+ notes?, 1 suppressed; /m);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    const sarif = JSON.parse(readFileSync(join(dir, 'godrift.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBe(json.findings.length);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="godrift"/);
    // One test case per rule and file with findings (a passing "no findings" case for a quiet
    // rule); with the default --fail-on error, a case fails when it holds an error.
    const head = /<testsuites name="godrift" tests="(\d+)" failures="(\d+)"/.exec(junit)!;
    expect(Number(head[1])).toBe(junit.match(/<testcase /g)!.length);
    expect(Number(head[2])).toBe(junit.match(/<failure /g)!.length);
    const pairs = new Set(json.findings.map((f: { ruleId: string; location: { path: string } }) => `${f.ruleId} ${f.location.path}`));
    const cases = [...junit.matchAll(/<testcase classname="godrift\.([\w-]+)" name="([^"]+)" file=/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(cases.sort()).toEqual([...pairs].sort());
    const failing = new Set(json.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { ruleId: string; location: { path: string } }) => `${f.ruleId} ${f.location.path}`));
    expect(Number(head[2])).toBe(failing.size);
    expect(json.summary.baselined).toBe(0);
  });

  it('refuses two formats on stdout, and other misuse, with exit 2', () => {
    const two = godrift(['scan', 'examples/payments-api', '--format', 'text', '--format', 'sarif']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('formats text and sarif would all write to stdout');
    expect(godrift(['scan', 'examples/payments-api', '--format', 'json', '--output', 'a.json', '--output', 'b.json']).code).toBe(2);
    expect(godrift(['scan', 'examples/payments-api', '--format', 'json', '--output', '/tmp/same', '--format', 'sarif', '--output', '/tmp/same']).code).toBe(2);
    expect(godrift(['matrix', 'examples/payments-api', '--format', 'sarif']).code).toBe(2);
    expect(godrift(['scan', 'examples/payments-api', '--format', 'pdf']).stderr).toContain('unknown format "pdf"');
  });

  it('--format github prints annotations and appends the job summary to GITHUB_STEP_SUMMARY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'godrift-summary-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = godrift(['scan', 'examples/payments-api', '--format', 'github'], root, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean).every((l) => /^::(error|warning|notice) file=/.test(l))).toBe(true);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### godrift: ')).toBe(true);
    expect(md).toContain('Environment matrix');
  });
});

describe('hostile values in CI output (test/fixtures/hostile-report)', () => {
  it('annotations stay one command per finding, and the job summary stays text in well-formed tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'godrift-hostile-'));
    const summary = join(dir, 'summary.md');
    const fixture = join(root, 'test', 'fixtures', 'hostile-report');
    const r = godrift(['scan', fixture, '--format', 'github'], root, { GITHUB_STEP_SUMMARY: summary });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const json = JSON.parse(godrift(['scan', fixture, '--format', 'json']).stdout);
    // Values hold ANSI escapes, <script>, quotes, `|`, backticks and @mentions: each finding is
    // still exactly one line that starts a workflow command, and no raw escape reaches the log.
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(json.findings.length + json.diagnostics.length);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[^:,]+::/);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b[31m1\\x1b[0m<script>');
    const md = readFileSync(summary, 'utf8');
    expect(md).not.toMatch(/<script|<b>|\u001b|(^|[^;])@octocat/);
    expect(md).toContain('&lt;script&gt;alert\\(\'traceback\'\\)&lt;/script&gt;');
    expect(md).toContain('&#64;octocat\\|x\\`y\\`');
    // Findings table (4 cells) and matrix (setting + production + test): no row broken by a `|`.
    expect(tableShapes(md)).toEqual([6, 5]);
  });
});

describe('godrift baseline', () => {
  it('records today\'s findings; a later scan reports only new ones and says how many were baselined', () => {
    const dir = example();
    const before = JSON.parse(godrift(['scan', dir, '--format', 'json']).stdout);
    const b = godrift(['baseline', dir]);
    expect(b.code).toBe(0);
    const file = join(dir, '.godrift-baseline.json');
    const baseline = JSON.parse(readFileSync(file, 'utf8'));
    expect(baseline.schemaVersion).toBe(1);
    expect(baseline.findings.reduce((n: number, e: { count: number }) => n + e.count, 0)).toBe(before.findings.length);
    for (const e of baseline.findings) expect(e.fingerprint).toMatch(/^[0-9a-f]{32}$/);

    // Clean now: everything is baselined, exit 0.
    const clean = godrift(['scan', dir]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(new RegExp(`^0 errors, 0 warnings, 0 notes, 1 suppressed, ${before.findings.length} baselined; `, 'm'));

    // A new problem, and an edit above a baselined one (fingerprints ignore line numbers).
    const dockerfile = join(dir, 'Dockerfile');
    writeFileSync(dockerfile, `# a comment that moves every line down\n${readFileSync(dockerfile, 'utf8')}ENV GOTRACEBACK=sytem\n`);
    const after = JSON.parse(godrift(['scan', dir, '--format', 'json']).stdout);
    expect(after.summary.baselined).toBe(before.findings.length);
    expect(after.findings.length).toBeGreaterThan(0);
    expect(after.findings.every((f: { location: { path: string; line: number } }) => f.location.path === 'Dockerfile' && f.location.line > 14)).toBe(true);

    // --no-baseline shows everything; --baseline names another file; a broken one is exit 2.
    expect(JSON.parse(godrift(['scan', dir, '--format', 'json', '--no-baseline']).stdout).summary.baselined).toBe(0);
    expect(godrift(['scan', dir, '--baseline', join(dir, 'missing.json')]).code).toBe(2);
    writeFileSync(join(dir, 'broken.json'), '{"findings": 3}');
    const broken = godrift(['scan', dir, '--baseline', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not a godrift baseline');
    expect(existsSync(file)).toBe(true);
  });
});

describe('suppression comments', () => {
  it('reports a stale godrift-ignore with or without --no-inline-ignores', () => {
    const dir = example();
    const patch = join(dir, 'deploy', 'k8s', 'overlays', 'production', 'env-patch.yaml');
    // The suppressed value is fixed: the comment now suppresses nothing.
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('value: none # godrift-ignore', 'value: all # godrift-ignore'));
    const json = JSON.parse(godrift(['scan', dir, '--format', 'json']).stdout);
    const stale = json.findings.filter((f: { ruleId: string; messageId: string }) => f.ruleId === 'inline-ignore' && f.messageId === 'stale');
    expect(stale.map((f: { location: { path: string; line: number } }) => `${f.location.path}:${f.location.line}`)).toEqual(['deploy/k8s/overlays/production/env-patch.yaml:14']);
    expect(json.summary.suppressed).toBe(0);
    const strict = JSON.parse(godrift(['scan', dir, '--format', 'json', '--no-inline-ignores']).stdout);
    expect(strict.findings.filter((f: { ruleId: string }) => f.ruleId === 'inline-ignore').map((f: { messageId: string }) => f.messageId).sort()).toEqual(['forbidden', 'stale']);
    // A partial scan cannot judge staleness.
    const partial = JSON.parse(godrift(['scan', 'deploy', 'Dockerfile', '--format', 'json'], dir).stdout);
    expect(partial.findings.some((f: { messageId: string }) => f.messageId === 'stale')).toBe(false);
  });
});

describe('a scanned subdirectory of a repository', () => {
  it('SARIF, annotations and JUnit files give paths from the repository root; the other formats from the scanned directory', () => {
    const repo = mkdtempSync(join(tmpdir(), 'godrift-monorepo-'));
    mkdirSync(join(repo, '.git'));
    const service = join(repo, 'services', 'payments');
    cpSync(join(root, 'examples', 'payments-api'), service, { recursive: true });
    const sarifFile = join(repo, 'out.sarif');
    const junitFile = join(repo, 'out.xml');
    const r = godrift(['scan', 'services/payments', '--format', 'github', '--format', 'sarif', '--output', sarifFile, '--format', 'json', '--output', join(repo, 'out.json'), '--format', 'junit', '--output', junitFile], repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(join(repo, 'out.json'), 'utf8'));
    const first = json.findings[0];
    expect(first.location.path).not.toMatch(/^services\//);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const run = log.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(repo).href + '/');
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`services/payments/${first.location.path}`);
    for (const res of run.results) expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^services\/payments\//);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain(`file=services/payments/${first.location.path},line=${first.location.line},`);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=services\/payments\//);
    const files = [...readFileSync(junitFile, 'utf8').matchAll(/ file="([^"]*)"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^services\/payments\//);
    expect(files).toContain(`services/payments/${first.location.path}`);
    // Without a repository around it, the scanned directory is the root.
    const alone = mkdtempSync(join(tmpdir(), 'godrift-alone-'));
    cpSync(join(root, 'examples', 'payments-api'), alone, { recursive: true });
    const plain = godrift(['scan', alone, '--format', 'github']);
    expect(plain.stdout.split('\n')[0]).toContain(`file=${first.location.path},`);
  });
});
