// The HTML report in a real browser: Debian's Chromium (installed by .ci/run) driven by
// playwright-core, with a fresh profile and no network. It opens the report of the bundled
// example, applies filters and checks the visible findings, checks that drift rows are
// highlighted, opens the report of a repository whose values hold <script>, quotes and ANSI
// escapes and checks nothing runs, and takes the screenshot in docs/html-report.png
// (rewritten with UPDATE_GOLDEN=1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'godrift.js');
const CHROMIUM = process.env.GODRIFT_CHROMIUM ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);

interface JsonFinding {
  ruleId: string;
  severity: string;
  environment: string;
  message: string;
  location: { path: string; line: number | null; column: number | null };
}

/** Writes the HTML report and, from the same run, the JSON findings the browser must show. */
function report(target: string, out: string): JsonFinding[] {
  const json = `${out}.json`;
  const r = spawnSync(process.execPath, [bin, 'scan', target, '--format', 'html', '--output', out, '--format', 'json', '--output', json, '--fail-on', 'none'], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return (JSON.parse(readFileSync(json, 'utf8')) as { findings: JsonFinding[] }).findings;
}

const label = (f: JsonFinding) => `${f.severity} ${f.ruleId} ${f.location.path}:${f.location.line}:${f.location.column}`;

// CI installs Chromium (.ci/run): there a missing browser is a failure, not a skip.
describe.skipIf(!present && !process.env.CI)('HTML report in Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let example: JsonFinding[];
  let hostile: JsonFinding[];
  const external: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    expect(present, `${CHROMIUM} missing: apt-get install -y chromium`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'godrift-html-'));
    example = report('examples/payments-api', join(dir, 'example.html'));
    hostile = report('test/fixtures/hostile-report', join(dir, 'hostile.html'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    // Anything but the report file itself is a network asset the report must not have.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      external.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string): Promise<Page> {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(pathToFileURL(join(dir, name)).href);
    return page;
  }

  const visible = (page: Page) =>
    page.$$eval('.finding', (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => `${(e as HTMLElement).dataset.severity} ${(e as HTMLElement).dataset.rule} ${e.querySelector('.loc')!.textContent}`));

  it('filters findings by severity, rule and environment', async () => {
    const page = await open('example.html');
    expect(await visible(page)).toEqual(example.map(label));
    await page.selectOption('#f-severity', 'warning');
    const warnings = example.filter((f) => f.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(1);
    expect(await visible(page)).toEqual(warnings.map(label));
    expect(await page.textContent('#shown')).toBe(String(warnings.length));
    await page.selectOption('#f-rule', 'drift');
    const warningDrift = warnings.filter((f) => f.ruleId === 'drift');
    expect(warningDrift.length).toBeGreaterThan(0);
    expect(await visible(page)).toEqual(warningDrift.map(label));
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-environment', 'test');
    const testDrift = example.filter((f) => f.ruleId === 'drift' && f.environment === 'test');
    expect(testDrift.length).toBeGreaterThan(0);
    expect(await visible(page)).toEqual(testDrift.map(label));
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-environment', '');
    expect((await visible(page)).length).toBe(example.length);
    // Drift rows of the matrix are highlighted.
    const drift = await page.$$eval('#matrix tr.drift td:first-child', (tds) => tds.map((td) => [td.textContent, getComputedStyle(td).backgroundColor]));
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every(([, bg]) => bg === 'rgb(255, 248, 197)')).toBe(true);
    expect(drift.map(([t]) => t)).toContain('GODEBUG panicnil ⚠ drift');
    // The screenshot in docs/ shows the report with a filter applied.
    await page.selectOption('#f-severity', 'error');
    const shot = process.env.UPDATE_GOLDEN === '1' || !existsSync(join(root, 'docs', 'html-report.png')) ? join(root, 'docs', 'html-report.png') : join(dir, 'shot.png');
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.screenshot({ path: shot, fullPage: false });
    expect(existsSync(shot)).toBe(true);
    await page.close();
  });

  it('shows hostile values as text and runs none of them', async () => {
    const page = await open('hostile.html');
    const messages = await page.$$eval('.finding .msg', (els) => els.map((e) => e.textContent ?? ''));
    expect(messages.some((m) => m.includes(`<script>alert('traceback')</script>"quoted"`))).toBe(true);
    expect(messages.some((m) => m.includes('\\x1b[31m1\\x1b[0m<script>'))).toBe(true);
    expect(messages.join('\n')).not.toContain('\u001b');
    const bold = await page.$$eval('.finding b, td b', (els) => els.map((e) => e.textContent));
    expect(bold).not.toContain('0'); // `<b>0</b>` from a GODEBUG value stays text
    expect(await page.$$eval('script', (s) => s.length)).toBe(1);
    const withScript = hostile.find((f) => f.message.includes('<script>alert'))!;
    await page.selectOption('#f-rule', withScript.ruleId);
    expect(await visible(page)).toEqual(hostile.filter((f) => f.ruleId === withScript.ruleId).map(label));
    await page.close();
  });

  it('loaded nothing from the network and raised no errors', () => {
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
  });
});
