// The command line: the only code that touches argv, the console, exit codes and output files.
// Exit codes (same for every format): 0 nothing at or above --fail-on, 1 findings at or above it,
// 2 usage or configuration error.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, failOn as parseFailOn, findConfigFile, loadConfigFile, mergeConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { severityAtLeast } from '../core/engine.js';
import { RULE_IDS } from '../rules/index.js';
import { REPORTERS } from '../reporters/index.js';
import { formatMatrixText } from '../reporters/matrix.js';
import { escapeTerminal } from '../reporters/escape.js';
import { buildMatrix } from '../resolve/matrix.js';
import { scan, type ScanResult } from './scan.js';

const HELP = `godrift — where Go runtime settings differ between test and production

usage:
  godrift scan   [PATH...]   findings (drift, production hazards) with locations
  godrift matrix [PATH...]   settings × environments: the effective value everywhere
  godrift envs   [PATH...]   each file's environment and why

options:
  --format text|json     output format (default text)
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
matrix and envs exit 0 unless the command line or configuration is wrong (2).
`;

class UsageError extends Error {}

function toolVersion(): string {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    return (JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

interface Parsed {
  command: 'scan' | 'matrix' | 'envs';
  paths: string[];
  format: string;
  failOn?: string;
  config?: string;
  go?: string;
  inlineIgnores: boolean;
  color: boolean;
  printConfig: boolean;
  values: string[];
}

function parse(argv: string[]): Parsed | 'help' | 'version' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
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
  if (command === undefined) throw new UsageError('missing command: scan, matrix or envs');
  if (command !== 'scan' && command !== 'matrix' && command !== 'envs') throw new UsageError(`unknown command "${command}": expected scan, matrix or envs`);
  const format = values.format ?? 'text';
  if (!(format in REPORTERS)) throw new UsageError(`unknown format "${format}": expected ${Object.keys(REPORTERS).join(' or ')}`);
  if (values.go !== undefined && !/^(go)?1\.\d+(\.\d+)?$/.test(values.go)) throw new UsageError(`--go "${values.go}" is not a Go version such as 1.27`);
  return {
    command,
    paths,
    format,
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

export async function main(argv: string[]): Promise<number> {
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
  process.stdout.write(render(parsed, result));
  // matrix and envs are views: they exit 0 whatever they show; scan is the gate.
  if (parsed.command !== 'scan') return 0;
  return result.findings.some((f) => severityAtLeast(f.severity, config.failOn)) ? 1 : 0;
}

function render(parsed: Parsed, result: ScanResult): string {
  const lineCache = new Map<string, string[]>();
  const lineText = (path: string, line: number): string | undefined => {
    let lines = lineCache.get(path);
    if (!lines) {
      const text = result.texts.get(path);
      if (text === undefined) return undefined;
      lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
      lineCache.set(path, lines);
    }
    return lines[line - 1];
  };
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
  const reporter = REPORTERS[parsed.format]!;
  return reporter({
    findings: result.findings,
    diagnostics: result.diagnostics,
    suppressedCount: result.suppressed.length,
    filesRead: result.filesRead,
    filesSeen: result.filesSeen,
    elapsedMs: result.elapsedMs,
    lineText,
    color: parsed.color,
    toolVersion: toolVersion(),
  });
}
