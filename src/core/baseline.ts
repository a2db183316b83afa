// Baselines: a legacy repository records today's findings (`godrift baseline`) and later scans
// report only new ones. The file lists fingerprints with counts — a fingerprint is rule +
// message id + path + setting + environment, never a line number (core/fingerprint.ts) — so
// edits above a finding keep it baselined, and a count lets two identical problems in one file
// be baselined as two: a third one is new. Pure: the CLI reads and writes the file.
import type { Finding } from './types.js';

export const BASELINE_FILE = '.godrift-baseline.json';
export const BASELINE_SCHEMA_VERSION = 1;

/** One fingerprint with how many findings carried it; the other fields are for reviewers. */
export interface BaselineEntry {
  fingerprint: string;
  count: number;
  ruleId: string;
  path: string;
  message: string;
}

export interface Baseline {
  schemaVersion: number;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

/** The baseline of a set of findings, sorted by path, rule and fingerprint (stable diffs). */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const entry = byFingerprint.get(f.fingerprint);
    if (entry) entry.count++;
    else byFingerprint.set(f.fingerprint, { fingerprint: f.fingerprint, count: 1, ruleId: f.ruleId, path: f.span.path, message: f.message });
  }
  const entries = [...byFingerprint.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  return { schemaVersion: BASELINE_SCHEMA_VERSION, findings: entries };
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Parses and checks a baseline file's text; `name` is used in error messages. */
export function parseBaseline(text: string, name: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const d = data as Partial<Baseline> | null;
  if (!d || typeof d !== 'object' || d.schemaVersion !== BASELINE_SCHEMA_VERSION || !Array.isArray(d.findings)) {
    throw new BaselineError(`${name} is not a godrift baseline (schemaVersion ${BASELINE_SCHEMA_VERSION} with a findings list): run "godrift baseline" to write one`);
  }
  for (const [i, e] of d.findings.entries()) {
    if (!e || typeof e.fingerprint !== 'string' || !Number.isInteger(e.count) || e.count < 1) {
      throw new BaselineError(`${name}: findings[${i}] needs a "fingerprint" string and a positive integer "count"`);
    }
  }
  return d as Baseline;
}

/**
 * Splits findings into new ones and baselined ones: each fingerprint absorbs up to its count of
 * findings, in the findings' (sorted) order.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { kept: Finding[]; baselined: Finding[] } {
  const budget = new Map<string, number>();
  for (const e of baseline.findings) budget.set(e.fingerprint, (budget.get(e.fingerprint) ?? 0) + e.count);
  const kept: Finding[] = [];
  const baselined: Finding[] = [];
  for (const f of findings) {
    const left = budget.get(f.fingerprint) ?? 0;
    if (left > 0) {
      budget.set(f.fingerprint, left - 1);
      baselined.push(f);
    } else kept.push(f);
  }
  return { kept, baselined };
}
