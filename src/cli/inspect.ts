// `godrift inspect PATH...`: for each Go binary (files, directories walked recursively, image
// archives and OCI layouts) the text `go version -m` prints, then godrift's findings for it.
// `--json` prints, per binary, the object `go version -m -json` prints plus a "Godrift" member.
// Like `go version -m`: a named file without build info is an error (exit 1); in a directory walk
// non-Go files are skipped silently unless -v.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// Start-up is most of what inspect costs (docs/benchmarks.md): only the build-info reader is loaded
// up front; the image reader on the first image, the rule engine and rules once there are
// observations to judge, the YAML config loader only when a config file exists.
import { artifactObservations, looksLikeImage, readArtifact, type Artifact } from '../artifacts/index.js';
import { goVersionMJson, goVersionMText, type GoBinary } from '../artifacts/buildinfo/index.js';
import { findConfigFile, mergeConfig } from '../config/find.js';
import type { Finding } from '../core/types.js';
import type { Config } from '../config/schema.js';

export const INSPECT_HELP = `usage: godrift inspect [--json] [-v] [--platform OS/ARCH] PATH...

For each Go binary in PATH (files, directories walked recursively, image archives and OCI
layouts), print what \`go version -m\` prints, then godrift's findings for it.
  --json              per binary, the \`go version -m -json\` object plus a "Godrift" member
  --platform OS/ARCH  image platform to read from a multi-platform index (default linux/amd64)
  --stats             also print bytes read per binary (to stderr)
  --no-findings       only the build info (what \`go version -m\` prints)
  -v                  report files that are not Go binaries
exit codes: 0, or 1 when a named file has no readable build info, 2 usage error.
`;

interface Unit {
  /** Name printed for the binary (`file`, or `image.tar:/usr/bin/app`). */
  name: string;
  binary: GoBinary;
  artifact: Artifact;
  imagePath?: string;
}

function walk(dir: string, visit: (path: string) => void): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (looksLikeImage(p)) visit(p);
      else walk(p, visit);
    } else if (st.isFile() || st.isSymbolicLink()) visit(p);
  }
}

/**
 * The findings of one artifact, from its own observations alone (one engine run per artifact:
 * measured cheaper than one run over many artifacts as separate targets, whose rules then walk
 * every target × setting).
 */
type Judge = (artifact: Artifact) => Finding[];

/** The rule engine, the rules and the configuration, loaded on first use. Throws ConfigError. */
async function loadJudge(): Promise<Judge> {
  const [{ runEngine }, { RULE_IDS, RULES }] = await Promise.all([import('../core/engine.js'), import('../rules/index.js')]);
  const file = findConfigFile(process.cwd());
  const config: Config = mergeConfig(file ? (await import('../config/load.js')).loadConfigFile(file, RULE_IDS) : {});
  return (artifact) => {
    const observations = artifactObservations(artifact);
    if (observations.length === 0) return [];
    return runEngine({ observations, config, rules: RULES, fileText: () => undefined, inlineIgnores: false }).findings;
  };
}

function unitsOf(a: Artifact): Unit[] {
  if (a.kind === 'binary') return [{ name: a.path, binary: a.binary, artifact: a }];
  if (a.kind === 'image') return a.image.binaries.map((b) => ({ name: `${a.path}:${b.path}`, binary: b.binary, artifact: a, imagePath: b.path }));
  return [];
}

export async function runInspect(argv: string[]): Promise<number> {
  let values: { json?: boolean; v?: boolean; platform?: string; stats?: boolean; help?: boolean; 'no-findings'?: boolean };
  let paths: string[];
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, v: { type: 'boolean', short: 'v' }, platform: { type: 'string' }, stats: { type: 'boolean' }, 'no-findings': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    values = parsed.values;
    paths = parsed.positionals;
  } catch (error) {
    process.stderr.write(`godrift inspect: ${(error as Error).message}\n${INSPECT_HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(INSPECT_HELP);
    return 0;
  }
  if (paths.length === 0) {
    process.stderr.write(`godrift inspect: no PATH given\n${INSPECT_HELP}`);
    return 2;
  }
  const options = values.platform ? { platform: values.platform } : {};
  let status = 0;
  const collected: Artifact[] = [];
  const emit = async (path: string, named: boolean) => {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      if (named || values.v) process.stderr.write(`${named ? '' : `${path}: `}${(error as Error).message}\n`);
      if (named) status = 1;
      return;
    }
    const a = await readArtifact(path, path, options, isDir);
    if (!a || a.kind === 'error') {
      if (named || values.v) process.stderr.write(a?.kind === 'error' ? `${a.message.startsWith(path) ? a.message : `${path}: ${a.message}`}\n` : `${path}: could not read Go build info from ${path}: unrecognized file format\n`);
      if (named) status = 1;
      return;
    }
    if (a.kind === 'image' && a.image.binaries.length === 0 && (named || values.v)) process.stderr.write(`${path}: image ${a.image.platform} has no Go binary\n`);
    collected.push(a);
  };
  const print = (a: Artifact, findings: Finding[]) => {
    const units = unitsOf(a);
    for (const u of units) {
      const entry = a.kind === 'image' ? a.image.binaries.find((b) => b.entrypoint)?.binary : undefined;
      const mine = findings.filter((f) => a.kind === 'binary' || f.span.logical?.includes(u.imagePath!) || (u.binary === entry && f.span.logical?.includes('config')));
      if (values.json) {
        const goJson = goVersionMJson(u.binary.info);
        const godrift = {
          file: u.name,
          format: u.binary.format,
          method: u.binary.method,
          goReadable: u.binary.goReadable,
          bytesRead: u.binary.bytesRead,
          ...(u.binary.interpreter !== undefined ? { interpreter: u.binary.interpreter } : {}),
          // Mach-O universal: every architecture inside; the build info is the first one's, as Go reads it.
          ...(u.binary.fatArches ? { fatArches: u.binary.fatArches } : {}),
          ...(a.kind === 'image' ? { image: { path: a.path, kind: a.image.kind, platform: a.image.platform, binary: u.imagePath, entrypoint: a.image.binaries.find((b) => b.path === u.imagePath)?.entrypoint ?? false } } : {}),
          findings: mine.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, logical: f.span.logical ?? [] })),
        };
        // The Go object, then one more member: the Go fields stay byte-identical.
        const extra = JSON.stringify({ Godrift: godrift }, null, '\t').replace(/^\{\n/, '').replace(/\n\}$/, '');
        process.stdout.write(`${goJson.slice(0, -2)},\n${extra}\n}\n`);
      } else {
        process.stdout.write(goVersionMText(u.name, u.binary.info));
        if (!u.binary.goReadable) process.stdout.write(`# godrift: read by ${u.binary.method} (go version cannot read this file)\n`);
        for (const f of mine) process.stdout.write(`# ${f.severity}: ${f.message} [${f.ruleId}]\n`);
      }
      if (values.stats) process.stderr.write(`${u.name}: ${u.binary.bytesRead} bytes read of ${u.binary.size} (${u.binary.method})\n`);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      status = 1;
      continue;
    }
    if (st.isDirectory() && !looksLikeImage(p)) {
      const found: string[] = [];
      walk(p, (f) => found.push(f));
      for (const f of found) await emit(f, false);
    } else await emit(p, true);
  }
  let judge: Judge = () => [];
  if (!values['no-findings'] && collected.length > 0) {
    try {
      judge = await loadJudge();
    } catch (error) {
      // A bad godrift.yaml is a usage error (exit 2), as for scan; anything else is a bug.
      if ((error as Error)?.constructor?.name !== 'ConfigError') throw error;
      process.stderr.write(`godrift inspect: ${(error as Error).message}\n`);
      return 2;
    }
  }
  for (const a of collected) print(a, judge(a));
  return status;
}
