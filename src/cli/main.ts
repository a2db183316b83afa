// The command line: the only code that touches argv, the console, exit codes and output files.
// Exit codes (same for every format): 0 nothing at or above --fail-on, 1 findings at or above it,
// 2 usage or configuration error.
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, failOn as parseFailOn, findConfigFile, loadConfigFile, mergeConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Finding } from '../core/types.js';
import { applyBaseline, BASELINE_FILE, BaselineError, createBaseline, parseBaseline, serializeBaseline } from '../core/baseline.js';
import { severityAtLeast } from '../core/engine.js';
import { RULE_IDS, RULES } from '../rules/index.js';
import { REPORTERS } from '../reporters/index.js';
import { markdownReport } from '../reporters/markdown.js';
import type { ReportInput } from '../reporters/types.js';
import { formatMatrixText } from '../reporters/matrix.js';
import { escapeTerminal } from '../reporters/escape.js';
import { buildMatrix } from '../resolve/matrix.js';
import { scan, type ScanResult } from './scan.js';
import { explain, suggestName } from './explain.js';
import { runInspect } from './inspect.js';
import { runDiff } from './diff.js';
import { repositoryRootOf } from './repository.js';

const HELP = `godrift — where Go runtime settings differ between test and production

usage:
  godrift scan   [PATH...]   findings (drift, production hazards) with locations
  godrift matrix [PATH...]   settings × environments: the effective value everywhere
  godrift envs   [PATH...]   each file's environment and why
  godrift baseline [PATH]    record today's findings in .godrift-baseline.json; later scans
                             report only new ones
  godrift inspect PATH...    each Go binary's build info (as \`go version -m\`) and its findings;
                             files, directories, image archives and OCI layouts
  godrift diff A B           how two builds differ (binaries or images); exit 1 when a
                             runtime-relevant setting differs
  godrift explain NAME       what godrift knows about a setting (GODEBUG=x509sha1, panicnil,
                             GOEXPERIMENT=arenas, GOTRACEBACK): versions, defaults, rules

options:
  --format FORMAT        text|json|sarif|github|junit|markdown|html (default text); repeatable
  --output FILE          write the preceding --format to FILE (default stdout; at most one
                         format may go to stdout)
  --baseline FILE        baseline file to read (scan) or write (baseline); default
                         .godrift-baseline.json at the scanned root, read when present
  --no-baseline          report every finding, even those in the baseline
  --fail-on LEVEL        error|warning|note|none: lowest severity that exits 1 (default error)
  --config FILE          godrift.yaml to use (default: godrift.yaml at the scanned root)
  --go VERSION           judge against this Go version (e.g. 1.27: what breaks on upgrade)
  --values FILE          an extra Helm values file (repeatable); its name names the environment
  --no-inline-ignores    godrift-ignore comments do not apply
  --no-color             no colour even on a terminal
  --print-config         print the merged configuration and exit
  -h, --help             this help
  -v, --version          version

exit codes (scan): 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
matrix, envs and baseline exit 0 unless the command line or configuration is wrong (2).
With --format github, the Markdown job summary is appended to $GITHUB_STEP_SUMMARY when set.
`;

class UsageError extends Error {}

/**
 * godrift's version from its package.json: two levels up from dist/cli/main.js, one level up
 * from the action's bundle (action/main.mjs, scripts/build-action.mjs).
 */
function toolVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of [['..', '..'], ['..']]) {
    try {
      const pkg = JSON.parse(readFileSync(join(here, ...up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'godrift' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: try the next place
    }
  }
  return 'unknown';
}

/** One report of a run: a format and where it goes (undefined: stdout). */
export interface OutputRequest {
  format: string;
  file?: string;
}

interface Parsed {
  command: 'scan' | 'matrix' | 'envs' | 'baseline';
  paths: string[];
  /** The first format: what matrix and envs print. */
  format: string;
  outputs: OutputRequest[];
  baseline?: string;
  noBaseline: boolean;
  failOn?: string;
  config?: string;
  go?: string;
  inlineIgnores: boolean;
  color: boolean;
  printConfig: boolean;
  values: string[];
}

const COMMANDS = ['scan', 'matrix', 'envs', 'baseline'] as const;
/** Formats the views (matrix, envs) know; scan takes every reporter. */
const VIEW_FORMATS = ['text', 'json'];

/**
 * Pairs each --output with the --format before it, in command-line order. An --output before
 * any --format names the file of the default text report when no --format is given at all.
 */
export function outputRequests(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>): OutputRequest[] {
  const requests: OutputRequest[] = [];
  let pendingFile: string | undefined;
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (t.name === 'format') requests.push({ format: t.value ?? '' });
    else if (t.name === 'output') {
      const file = t.value ?? '';
      if (file === '') throw new UsageError('--output needs a file name ("-" for stdout)');
      const last = requests[requests.length - 1];
      if (last === undefined) {
        if (pendingFile !== undefined) throw new UsageError(`--output "${file}" follows another --output: give each format its own --format before its --output`);
        pendingFile = file;
      } else if (last.file !== undefined) throw new UsageError(`--format ${last.format} already writes to "${last.file}": put a --format before --output "${file}"`);
      else last.file = file;
    }
  }
  if (pendingFile !== undefined) {
    if (requests.length > 0) throw new UsageError(`--output "${pendingFile}" comes before any --format: write --format FORMAT --output FILE`);
    requests.push({ format: 'text', file: pendingFile });
  }
  if (requests.length === 0) requests.push({ format: 'text' });
  for (const r of requests) {
    if (r.file === '-') delete r.file;
  }
  const toStdout = requests.filter((r) => r.file === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(`formats ${toStdout.map((r) => r.format).join(' and ')} would all write to stdout: give all but one an --output FILE (e.g. --format sarif --output godrift.sarif)`);
  }
  const files = requests.filter((r) => r.file !== undefined).map((r) => resolvePath(r.file!));
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup !== undefined) throw new UsageError(`two formats write to the same file "${relative(process.cwd(), dup) || dup}"`);
  return requests;
}

function parse(argv: string[]): Parsed | 'help' | 'version' {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: {
      format: { type: 'string', multiple: true },
      output: { type: 'string', multiple: true },
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      go: { type: 'string' },
      values: { type: 'string', multiple: true },
      'no-inline-ignores': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      'print-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: scan, matrix, envs or baseline');
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}": expected scan, matrix, envs or baseline`);
  const cmd = command as Parsed['command'];
  const outputs = outputRequests(tokens ?? []);
  const known = cmd === 'matrix' || cmd === 'envs' ? VIEW_FORMATS : Object.keys(REPORTERS);
  for (const o of outputs) {
    if (!known.includes(o.format)) throw new UsageError(`unknown format "${o.format}"${cmd === 'scan' ? '' : ` for ${cmd}`}: expected ${known.join(', ')}`);
  }
  if (cmd !== 'scan' && (outputs.length > 1 || outputs[0]!.file !== undefined)) throw new UsageError(`${cmd} prints one format to stdout: --output and several --format are for scan`);
  if (cmd === 'baseline' && paths.length > 1) throw new UsageError('baseline takes one directory: the repository root');
  if (values.baseline !== undefined && values['no-baseline']) throw new UsageError('--baseline and --no-baseline contradict each other');
  const format = outputs[0]!.format;
  if (values.go !== undefined && !/^(go)?1\.\d+(\.\d+)?$/.test(values.go)) throw new UsageError(`--go "${values.go}" is not a Go version such as 1.27`);
  return {
    command: cmd,
    paths,
    format,
    outputs,
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    noBaseline: values['no-baseline'] === true,
    ...(values['fail-on'] !== undefined ? { failOn: values['fail-on'] } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.go !== undefined ? { go: values.go.replace(/^go/, '') } : {}),
    inlineIgnores: !values['no-inline-ignores'],
    color: !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR,
    printConfig: values['print-config'] === true,
    values: values.values ?? [],
  };
}

/** The scan root and the paths below it: `godrift scan a/b` scans a/b with the cwd as root when it is inside it. */
function rootAndPaths(paths: string[]): { root: string; only?: string[] } {
  if (paths.length === 0) return { root: process.cwd() };
  if (paths.length === 1) {
    const p = resolvePath(paths[0]!);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`cannot read "${paths[0]}"`);
    }
    if (isDir) return { root: p };
  }
  const cwd = process.cwd();
  const only = paths.map((p) => relative(cwd, resolvePath(p)));
  if (only.some((p) => p.startsWith('..'))) throw new UsageError('several paths must all be inside the current directory');
  return { root: cwd, only };
}

function loadConfig(parsed: Parsed, root: string): Config {
  const file = parsed.config ? resolvePath(parsed.config) : findConfigFile(root);
  const fromFile = file ? loadConfigFile(file, RULE_IDS) : {};
  const fromFlags: Partial<Config> = {};
  if (parsed.failOn !== undefined) fromFlags.failOn = parseFailOn(parsed.failOn, '--fail-on');
  return mergeConfig(fromFile, fromFlags);
}

function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    process.stderr.write(done < total ? `\rgodrift: ${done}/${total} files` : '\r\u001b[K');
  };
}

/** `godrift explain NAME [--format text|json]`: exit 0 when known, 2 (with a suggestion) when not. */
function runExplain(argv: string[]): number {
  let name: string | undefined;
  let format = 'text';
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { format: { type: 'string' } } });
    format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" for explain: expected text or json`);
    if (positionals.length !== 1) throw new UsageError('explain takes one name, such as GODEBUG=x509sha1, panicnil, GOEXPERIMENT=arenas or GOTRACEBACK');
    name = positionals[0]!;
  } catch (error) {
    process.stderr.write(`godrift: ${error instanceof Error ? error.message : String(error)}\nrun "godrift --help" for usage\n`);
    return 2;
  }
  const found = explain(name);
  if (!found) {
    const hint = suggestName(name);
    process.stderr.write(`godrift: nothing known about "${escapeTerminal(name)}"${hint ? `; did you mean "${hint}"?` : ''}\n`);
    return 2;
  }
  process.stdout.write(format === 'json' ? JSON.stringify(found.json, null, 2) + '\n' : found.text);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'explain') return runExplain(argv.slice(1));
  if (argv[0] === 'inspect') return runInspect(argv.slice(1));
  if (argv[0] === 'diff') return runDiff(argv.slice(1));
  let parsed: Parsed;
  try {
    const p = parse(argv);
    if (p === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (p === 'version') {
      process.stdout.write(`godrift ${toolVersion()}\n`);
      return 0;
    }
    parsed = p;
  } catch (error) {
    process.stderr.write(`godrift: ${error instanceof Error ? error.message : String(error)}\nrun "godrift --help" for usage\n`);
    return 2;
  }
  let config: Config;
  let root: string;
  let only: string[] | undefined;
  try {
    ({ root, only } = rootAndPaths(parsed.paths));
    config = loadConfig(parsed, root);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`godrift: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed.printConfig) {
    process.stdout.write(JSON.stringify(config, null, 2) + '\n');
    return 0;
  }
  const valuesFiles = parsed.values.map((v) => relative(root, resolvePath(v)).split('\\').join('/'));
  if (valuesFiles.some((v) => v.startsWith('..'))) {
    process.stderr.write('godrift: --values files must be inside the scanned directory\n');
    return 2;
  }
  const progress = progressReporter();
  const result = await scan({
    root,
    ...(only ? { paths: only } : {}),
    config,
    ...(parsed.go ? { goVersion: parsed.go } : {}),
    inlineIgnores: parsed.inlineIgnores,
    ...(valuesFiles.length > 0 ? { valuesFiles } : {}),
    ...(progress ? { progress } : {}),
  });
  if (parsed.command === 'baseline') {
    const file = resolvePath(root, parsed.baseline ?? BASELINE_FILE);
    const baseline = createBaseline(result.findings);
    writeFileSync(file, serializeBaseline(baseline));
    const shown = relative(process.cwd(), file) || file;
    process.stdout.write(`godrift: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${baseline.findings.length} fingerprints) written to ${shown}; later scans report only new findings\n`);
    return 0;
  }
  let baselinedCount = 0;
  // The matrix marks drift from every finding, baselined or not.
  const allFindings = result.findings;
  if (parsed.command === 'scan' && !parsed.noBaseline) {
    const explicit = parsed.baseline !== undefined;
    const file = explicit ? resolvePath(parsed.baseline!) : join(root, BASELINE_FILE);
    if (explicit || existsSync(file)) {
      try {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new BaselineError(`cannot read baseline "${parsed.baseline ?? BASELINE_FILE}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
        const applied = applyBaseline(result.findings, parseBaseline(text, relative(process.cwd(), file) || file));
        result.findings = applied.kept;
        baselinedCount = applied.baselined.length;
      } catch (error) {
        if (error instanceof BaselineError) {
          process.stderr.write(`godrift: ${error.message}\n`);
          return 2;
        }
        throw error;
      }
    }
  }
  if (parsed.command !== 'scan') {
    process.stdout.write(render(parsed, result));
    // matrix and envs are views: they exit 0 whatever they show; scan is the gate.
    return 0;
  }
  const input = reportInput(parsed, result, allFindings, root, config, baselinedCount);
  for (const o of parsed.outputs) {
    const text = REPORTERS[o.format]!(o.file === undefined ? input : { ...input, color: false });
    if (o.file === undefined) process.stdout.write(text);
    else {
      try {
        writeFileSync(resolvePath(o.file), text);
      } catch (error) {
        process.stderr.write(`godrift: cannot write ${o.format} report to "${o.file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
        return 2;
      }
    }
    // GitHub reads the job summary from the file named by GITHUB_STEP_SUMMARY (appended to).
    if (o.format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
      try {
        appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdownReport(input) + '\n');
      } catch (error) {
        process.stderr.write(`godrift: cannot append the job summary to GITHUB_STEP_SUMMARY: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      }
    }
  }
  return result.findings.some((f) => severityAtLeast(f.severity, config.failOn)) ? 1 : 0;
}

function lineTextOf(result: ScanResult): (path: string, line: number) => string | undefined {
  const lineCache = new Map<string, string[]>();
  return (path, line) => {
    let lines = lineCache.get(path);
    if (!lines) {
      const text = result.texts.get(path);
      if (text === undefined) return undefined;
      lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
      lineCache.set(path, lines);
    }
    return lines[line - 1];
  };
}

const RULE_METAS = [...RULES.map((r) => r.meta)].sort((a, b) => a.id.localeCompare(b.id));

function reportInput(parsed: Parsed, result: ScanResult, allFindings: Finding[], root: string, config: Config, baselinedCount: number): ReportInput {
  let matrix: ReturnType<typeof buildMatrix> | undefined;
  return {
    findings: result.findings,
    diagnostics: result.diagnostics,
    suppressedCount: result.suppressed.length,
    baselinedCount,
    filesRead: result.filesRead,
    filesSeen: result.filesSeen,
    elapsedMs: result.elapsedMs,
    lineText: lineTextOf(result),
    color: parsed.color,
    toolVersion: toolVersion(),
    rules: RULE_METAS,
    matrix: () => (matrix ??= buildMatrix(result.resolution, allFindings)),
    root: root.split('\\').join('/'),
    repositoryRoot: repositoryRootOf(root).split('\\').join('/'),
    failOn: config.failOn,
  };
}

/** The views: matrix and envs. */
function render(parsed: Parsed, result: ScanResult): string {
  if (parsed.command === 'matrix') {
    const matrix = buildMatrix(result.resolution, result.findings);
    return parsed.format === 'json' ? JSON.stringify({ schemaVersion: 1, ...matrix }, null, 2) + '\n' : formatMatrixText(matrix);
  }
  if (parsed.command === 'envs') {
    const rows = new Map<string, { path: string; environment: string; reason: string }>();
    for (const o of result.observations) {
      const env = o.environment?.programWide ? 'all' : (o.environment?.name ?? 'unknown');
      const reason = o.environment?.reason ?? '';
      rows.set(`${o.span.path}\u0000${env}\u0000${reason}`, { path: o.span.path, environment: env, reason });
    }
    const list = [...rows.values()].sort((a, b) => a.path.localeCompare(b.path) || a.environment.localeCompare(b.environment));
    if (parsed.format === 'json') return JSON.stringify({ schemaVersion: 1, files: list }, null, 2) + '\n';
    const width = Math.min(48, Math.max(8, ...list.map((r) => r.path.length)));
    return list.map((r) => `${escapeTerminal(r.path).padEnd(width)}  ${r.environment.padEnd(10)}  ${escapeTerminal(r.reason)}`).join('\n') + (list.length ? '\n' : 'no Go settings found\n');
  }
  throw new Error(`render: unexpected command ${parsed.command}`);
}
