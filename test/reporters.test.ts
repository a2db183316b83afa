// Reporter goldens: one fixed set of findings (helpers/report-input.ts) in every format, under
// test/golden/reporters/ (rewrite with UPDATE_GOLDEN=1 and review the diff). Then the checks each
// format owes its consumer: SARIF validated by Microsoft's SARIF Multitool and held to GitHub
// code scanning's documented requirements; workflow commands escaped; JUnit and HTML escaped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../src/reporters/index.js';
import { markdownReport } from '../src/reporters/markdown.js';
import { RULES } from '../src/rules/index.js';
import { FINGERPRINT_KEY, friendlyRuleName, sarifLog, sarifText, SARIF_MAX_RESULTS } from '../src/reporters/sarif.js';
import { tableShapes } from './helpers/markdown-tables.js';
import { ACCEPTED_NOTES, multitool, validateSarif } from './helpers/sarif-multitool.js';
import { FIXED_FINDINGS, fixedReportInput } from './helpers/report-input.js';

const root = join(import.meta.dirname, '..');
const goldenDir = join(root, 'test', 'golden', 'reporters');
const FILE_OF: Record<string, string> = {
  text: 'report.txt',
  json: 'report.json',
  sarif: 'report.sarif',
  github: 'report.github.txt',
  junit: 'report.junit.xml',
  markdown: 'report.md',
  html: 'report.html',
};

describe('reporter goldens', () => {
  it('has a golden for every format', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual(Object.keys(FILE_OF).sort());
  });
  for (const [format, file] of Object.entries(FILE_OF)) {
    it(format, () => {
      const out = REPORTERS[format]!(fixedReportInput());
      const golden = join(goldenDir, file);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(golden, out);
      }
      expect(out).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

const bin = multitool();

describe('SARIF', () => {
  it.skipIf(!bin && !process.env.CI)('passes the SARIF Multitool validator (schema and rules)', () => {
    expect(bin, 'npm ci installs @microsoft/sarif-multitool').toBeDefined();
    const results = validateSarif(bin!, REPORTERS.sarif!(fixedReportInput()));
    // SARIF2017 (a location without a region) is accepted only for the binary finding, whose
    // span has no lines: a made-up region would be the "line 1" godrift promises never to emit.
    const logicalOnly = `runs[0].results[${FIXED_FINDINGS.findIndex((f) => !f.span.start)}].locations[0].physicalLocation`;
    const problems = results.filter((r) => (r.level !== 'note' || !ACCEPTED_NOTES.has(r.ruleId)) && !(r.ruleId === 'SARIF2017' && r.text === logicalOnly));
    expect(problems).toEqual([]);
  });

  it.skipIf(!bin && !process.env.CI)('passes the validator on a real scan with every real rule (examples/payments-api)', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'godrift.js'), 'scan', join(root, 'examples', 'payments-api'), '--format', 'sarif', '--fail-on', 'none'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].tool.driver.rules.length).toBe(RULES.length);
    expect(log.runs[0].results.length).toBeGreaterThan(5);
    const problems = validateSarif(bin!, r.stdout).filter((x) => x.level !== 'note' || !ACCEPTED_NOTES.has(x.ruleId));
    expect(problems).toEqual([]);
  });

  it('names every real rule in Pascal case, different from its id (SARIF1001, SARIF2012)', () => {
    for (const { meta } of RULES) {
      const name = friendlyRuleName(meta.id);
      expect(name, meta.id).toMatch(/^[A-Z](?:[a-z0-9]|[A-Z](?![A-Z]))*$/);
      expect(name.toLowerCase()).not.toBe(meta.id.toLowerCase());
    }
    expect(friendlyRuleName('go-env-w-persistent')).toBe('GoEnvwPersistent');
  });

  it('leaves the category to upload-sarif and claims no security severity', () => {
    const run = sarifLog(fixedReportInput()).runs[0]! as Record<string, unknown> & ReturnType<typeof sarifLog>['runs'][0];
    // upload-sarif's `category` only applies to a run without automationDetails.
    expect(run).not.toHaveProperty('automationDetails');
    // `security-severity` makes code scanning file an alert as a security vulnerability; godrift's
    // rules judge configuration, and say how severe through `level` and `problem.severity`.
    for (const rule of run.tool.driver.rules) expect(rule.properties).not.toHaveProperty('security-severity');
    for (const res of run.results) expect(['error', 'warning', 'note']).toContain(res.level);
  });

  it('stays under the upload size limit: snippets go first, then the least severe results', () => {
    const input = fixedReportInput();
    const many = Array.from({ length: 400 }, (_, i) => ({ ...FIXED_FINDINGS[i % 4]!, fingerprint: `${i}`.padStart(32, '0'), message: `${FIXED_FINDINGS[i % 4]!.message} #${i} ${((i * 2654435761) >>> 0).toString(36)}` }));
    const big = { ...input, findings: many };
    const full = sarifText(big);
    expect(full).toContain('"snippet"');
    // A limit between the size without snippets and the full size: everything, minus snippets.
    const noSnippets = sarifText(big, gzipSync(full).length - 1);
    expect(JSON.parse(noSnippets).runs[0].results.length).toBe(many.length);
    expect(noSnippets).not.toContain('"snippet"');
    expect(noSnippets).not.toContain('results-truncated');
    // A limit that holds only some results: the most severe, and a notification saying so.
    const limit = Math.floor(gzipSync(noSnippets).length / 3);
    const cut = sarifText(big, limit);
    expect(gzipSync(cut).length).toBeLessThanOrEqual(limit);
    expect(gunzipSync(gzipSync(cut)).toString()).toBe(cut);
    const run = JSON.parse(cut).runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results.length).toBeLessThan(many.length);
    const errors = many.filter((f) => f.severity === 'error').length;
    if (run.results.length <= errors) expect(run.results.every((r: { level: string }) => r.level === 'error')).toBe(true);
    const note = run.invocations[0].toolExecutionNotifications.find((n: { descriptor: { id: string } }) => n.descriptor.id === 'results-truncated');
    expect(note.message.text).toBe(`${many.length - run.results.length} less severe findings were left out: GitHub code scanning accepts at most ${limit / 1_000_000} MB of gzip-compressed SARIF per upload.`);
  });

  it('meets GitHub code scanning requirements', () => {
    const log = sarifLog(fixedReportInput());
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('godrift');
    const ids = run.tool.driver.rules.map((r) => r.id);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
    }
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///home/ci/repo/');
    for (const [i, res] of run.results.entries()) {
      const f = FIXED_FINDINGS[i]!;
      expect(ids).toContain(res.ruleId);
      expect(res.ruleIndex).toBe(ids.indexOf(res.ruleId));
      expect(res.message.text).not.toBe('');
      expect(res.partialFingerprints[FINGERPRINT_KEY]).toBe(f.fingerprint);
      const loc = res.locations[0]!;
      expect(loc.physicalLocation.artifactLocation.uri).toBe(f.span.path);
      expect(loc.physicalLocation.artifactLocation.uri).not.toMatch(/^\/|^file:|\\/);
      const region = (loc.physicalLocation as { region?: { startLine: number; startColumn: number; endLine: number; endColumn: number } }).region;
      if (f.span.start) {
        // Exactly the span: 1-based, end column exclusive (SARIF §3.30), never a made-up line 1.
        expect(region).toMatchObject({ startLine: f.span.start.line, startColumn: f.span.start.column, endLine: f.span.end!.line, endColumn: f.span.end!.column });
        expect(region!.startColumn).toBeGreaterThanOrEqual(1);
      } else {
        expect(region).toBeUndefined();
        expect((loc as { logicalLocations?: Array<{ fullyQualifiedName: string }> }).logicalLocations?.[0]?.fullyQualifiedName).toBe(
          'images/api.tar › layer sha256:4f2a › /usr/bin/api › build info › GOEXPERIMENT',
        );
      }
      expect((res.relatedLocations ?? []).length).toBe(f.related.length);
    }
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it(`keeps at most ${SARIF_MAX_RESULTS} results per run, the most severe`, () => {
    const input = fixedReportInput();
    const many = Array.from({ length: SARIF_MAX_RESULTS + 10 }, (_, i) => ({ ...FIXED_FINDINGS[i % 4]!, severity: i < 10 ? ('note' as const) : ('error' as const) }));
    const run = sarifLog({ ...input, findings: many }).runs[0]!;
    expect(run.results.length).toBe(SARIF_MAX_RESULTS);
    expect(run.results.every((r) => r.level === 'error')).toBe(true);
    expect(JSON.stringify(run.invocations)).toContain('results-truncated');
  });
});

describe('escaping', () => {
  const input = fixedReportInput();
  it('workflow commands: one line per annotation, % CR LF : , escaped', () => {
    const out = REPORTERS.github!(input);
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBe(input.findings.length + input.diagnostics.length);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^:,]+(,[a-zA-Z]+=[^:,]*)*::/);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('%25,:" is not a level'); // message data: only % CR LF are escaped
    // Property values (file, title) escape `:` and `,` too, so a path cannot add properties.
    const odd = REPORTERS.github!({ ...input, diagnostics: [], findings: [{ ...input.findings[3]!, span: { ...input.findings[3]!.span, path: 'a,line=1:b%\r\n::error x.yaml' } }] });
    expect(odd).toMatch(/^::notice file=a%2Cline=1%3Ab%25%0D%0A%3A%3Aerror x\.yaml,line=3,/);
    expect(odd.trimEnd().split('\n')).toHaveLength(1);
    expect(lines[2]).toMatch(/^::warning file=images\/api.tar,title=/); // no line for a binary
  });
  it('markdown: no raw HTML, no mentions, no table breaks', () => {
    const md = markdownReport(input);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('@octocat');
    expect(md).not.toContain('\u001b');
    // Every unescaped pipe is a cell border: each row has as many cells as its table's header.
    expect(tableShapes(md)).toEqual([6, 5]); // findings: 4 cells; matrix: setting + 2 environments
  });
  it('sarif: a scanned `[z](w)` is no embedded link (SARIF §3.11.6)', () => {
    const run = sarifLog(input).runs[0]!;
    const texts = run.results.flatMap((r) => [r.message.text, ...(r.relatedLocations ?? []).map((l) => l.message.text)]);
    expect(texts.join('\n')).toContain('*y* \\[z\\](w)');
    for (const t of texts) expect(t.replace(/\\[[\]]/g, '')).not.toMatch(/[[\]]/);
  });
  it('junit and html: scanned values are text, not markup', () => {
    const xml = REPORTERS.junit!(input);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const html = REPORTERS.html!(input);
    expect(html.match(/<script>/g)?.length).toBe(1); // ours, allowed by its hash
    expect(html).not.toContain('\u001b');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!github\.com\/godrift)/);
  });
});
