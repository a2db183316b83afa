// The GitHub Action's entry point. action.yml runs it as action/main.mjs (runs.using node24): a
// committed bundle of this file and everything it imports, built by scripts/build-action.mjs,
// because a workflow's `uses:` checks out the repository without installing or building it.
// It turns the action's inputs (INPUT_* variables) into a `godrift scan` command line and runs
// the CLI in-process: annotations on stdout (--format github), the job summary appended to
// $GITHUB_STEP_SUMMARY, a SARIF file, and step outputs in $GITHUB_OUTPUT. It uploads nothing:
// the workflow uploads the SARIF with github/codeql-action/upload-sarif (README).
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../cli/main.js';

/** An input as GitHub passes it: INPUT_<NAME upper-cased, spaces as _>, trimmed. */
export function input(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A list input: comma- or newline-separated. */
function list(name: string): string[] {
  return input(name)
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Writes a step output with a random delimiter, as GitHub's toolkit does (safe for any value). */
function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Where each file format goes when the workflow does not say. */
const DEFAULT_FILES: Record<string, string> = {
  sarif: 'godrift.sarif',
  json: 'godrift.json',
  junit: 'godrift.junit.xml',
  markdown: 'godrift.md',
  html: 'godrift.html',
  text: 'godrift.txt',
};

export async function runAction(): Promise<number> {
  const paths = list('paths');
  const formats = list('formats');
  if (formats.length === 0) formats.push('github', 'sarif');
  const sarifFile = input('sarif-file') || DEFAULT_FILES.sarif!;
  const argv = ['scan', ...(paths.length > 0 ? paths : ['.'])];
  const files: Record<string, string> = {};
  for (const f of formats) {
    if (f === 'github') {
      argv.push('--format', 'github');
      continue;
    }
    const file = f === 'sarif' ? sarifFile : (DEFAULT_FILES[f] ?? `godrift.${f}`);
    files[f] = file;
    argv.push('--format', f, '--output', file);
  }
  // The counts for the outputs come from a JSON report of the same run.
  const scratch = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'godrift-action-'));
  const json = files.json ?? join(scratch, 'godrift.json');
  if (!files.json) argv.push('--format', 'json', '--output', json);
  const config = input('config');
  if (config) argv.push('--config', config);
  const failOn = input('fail-on');
  if (failOn) argv.push('--fail-on', failOn);
  const baseline = input('baseline');
  if (baseline) argv.push('--baseline', baseline);
  if (input('no-inline-ignores') === 'true') argv.push('--no-inline-ignores');

  const code = await main(argv);
  if (code === 2) {
    process.stdout.write('::error title=godrift::godrift could not run: see the message above\n');
    rmSync(scratch, { recursive: true, force: true });
    return 2;
  }
  if (existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8')) as { findings: unknown[]; summary: { errors: number; warnings: number; notes: number; baselined?: number } };
    setOutput('findings', String(report.findings.length));
    setOutput('errors', String(report.summary.errors));
    setOutput('warnings', String(report.summary.warnings));
    setOutput('notes', String(report.summary.notes));
    setOutput('baselined', String(report.summary.baselined ?? 0));
  }
  for (const [format, file] of Object.entries(files)) setOutput(`${format}-file`, file);
  setOutput('exit-code', String(code));
  rmSync(scratch, { recursive: true, force: true });
  return code;
}

// Run when executed as the action (not when imported by a test).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runAction().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stdout.write(`::error title=godrift::internal error: ${String(error instanceof Error ? error.message : error).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
      process.exitCode = 2;
    },
  );
}
