// GOEXPERIMENT knowledge: generated flags of the toolchains at hand, curated §3.2 matrix for the rest.

import { GENERATED_TOOLCHAINS } from './generated/toolchains.js';
import { CURATED_EXPERIMENTS, EXPERIMENT_COLUMNS, curatedPlatformDefault } from './curated/experiments.js';
import type { ExperimentInfo, GeneratedToolchain } from './types.js';
import { minorNumber } from './versions.js';

/** GOOS/GOARCH a baseline is computed for; linux/amd64 when not given. */
export interface Platform {
  goos?: string;
  goarch?: string;
}

function generatedFor(minor: number): GeneratedToolchain | undefined {
  // Experiments do not change in point releases; any toolchain of the line will do (newest first).
  for (let i = GENERATED_TOOLCHAINS.length - 1; i >= 0; i--) {
    const t = GENERATED_TOOLCHAINS[i];
    if (t && minorNumber(t.version) === minor) return t;
  }
  return undefined;
}

function fromGenerated(t: GeneratedToolchain, goos: string, goarch: string): ExperimentInfo[] {
  const sets = new Set<string>();
  for (const c of t.regabiSwitch) if (c.goarch.includes(goarch)) for (const s of c.sets) sets.add(s);
  const dwarf5 = !['darwin', 'ios', 'aix'].includes(goos);
  const fixed = (name: string): { fixed?: 'on' | 'off' } =>
    sets.has('regabiAlwaysOn') && t.forcedOnIfRegabiAlwaysOn.includes(name)
      ? { fixed: 'on' }
      : !sets.has('regabiSupported') && t.forcedOffIfRegabiUnsupported.includes(name)
        ? { fixed: 'off' }
        : {};
  return t.experiments.map((e) => {
    const b = e.baseline ?? '';
    if (b === '' || b === 'false') return { name: e.name, defaultOn: false, ...fixed(e.name) };
    if (b === 'true') return { name: e.name, defaultOn: true, ...fixed(e.name) };
    let on = false;
    if (b === 'regabiSupported') on = sets.has('regabiSupported');
    else if (b === 'regabiAlwaysOn') on = sets.has('regabiAlwaysOn');
    else if (b === 'dwarf5Supported') on = dwarf5;
    return { name: e.name, defaultOn: on, platformDependent: true, ...fixed(e.name) };
  });
}

/**
 * The GOEXPERIMENT flags of a Go release and whether each is on in its baseline for the platform
 * (linux/amd64 by default). Empty for versions before 1.18 or after the newest known one.
 */
export function experimentsFor(goVersion: string, platform: Platform = {}): ExperimentInfo[] {
  const m = minorNumber(goVersion);
  if (m === undefined) return [];
  const goos = platform.goos ?? 'linux';
  const goarch = platform.goarch ?? 'amd64';
  const gen = generatedFor(m);
  if (gen) return fromGenerated(gen, goos, goarch);
  const col = EXPERIMENT_COLUMNS.indexOf(`1.${m}` as (typeof EXPERIMENT_COLUMNS)[number]);
  if (col < 0) return [];
  const out: ExperimentInfo[] = [];
  for (const [name, cells] of CURATED_EXPERIMENTS) {
    const c = cells[col];
    if (c === undefined || c === '-') continue;
    if (c === 'd') out.push({ name, defaultOn: curatedPlatformDefault(name, m, goos, goarch), platformDependent: true });
    else out.push({ name, defaultOn: c === 'D' });
  }
  return out;
}

/**
 * Whether the go command of `goVersion` accepts this GOEXPERIMENT element: a flag name, the
 * same with a `no` prefix, `regabi`/`noregabi` (alias), `none`, or an empty element.
 * Unknown names make the go command exit with `go: unknown GOEXPERIMENT <name>`.
 */
export function experimentKnown(name: string, goVersion: string): boolean {
  const n = name.trim();
  if (n === '' || n === 'none') return true;
  const flag = n.startsWith('no') ? n.slice(2) : n;
  const list = experimentsFor(goVersion);
  if (list.length === 0) return false;
  if (flag === 'regabi') return true;
  return list.some((e) => e.name === flag);
}

/** The last release that knew an experiment name (for "retired experiment" messages), or undefined when it is known in the newest. */
export function experimentLastKnown(name: string): string | undefined {
  const flag = name.startsWith('no') && !CURATED_EXPERIMENTS.has(name) ? name.slice(2) : name;
  const cells = CURATED_EXPERIMENTS.get(flag);
  if (!cells) return undefined;
  let last: string | undefined;
  cells.forEach((c, i) => {
    if (c !== '-') last = EXPERIMENT_COLUMNS[i];
  });
  for (const t of GENERATED_TOOLCHAINS) if (t.experiments.some((e) => e.name === flag)) last = `1.${minorNumber(t.version)}`;
  return last;
}
