// The settings matrix (`godrift matrix`): rows are settings, columns environments, each cell the
// effective values and where they come from. Built from the resolution; reporters format it.
import type { EnvironmentName, Finding } from '../core/types.js';
import { settingId, type Resolution } from './index.js';

export interface MatrixValue {
  value: string;
  literal: boolean;
  path: string;
  line: number | null;
  column: number | null;
  origin: string;
}

export interface MatrixRow {
  target: string;
  variable: string;
  key: string | null;
  /** Environment → effective values (empty: not set there, Go's default applies). */
  cells: Partial<Record<EnvironmentName, MatrixValue[]>>;
  drift: boolean;
}

export interface Matrix {
  environments: EnvironmentName[];
  rows: MatrixRow[];
}

export function buildMatrix(resolution: Resolution, findings: readonly Finding[]): Matrix {
  const drifting = new Set(findings.filter((f) => f.ruleId === 'drift').map((f) => settingId(f.variable, f.key)));
  const rows: MatrixRow[] = [];
  for (const target of resolution.targets) {
    for (const { variable, key } of resolution.settings) {
      const cells: MatrixRow['cells'] = {};
      let any = false;
      for (const env of resolution.environments) {
        const cell = resolution.cell(target, env, variable, key);
        cells[env] = cell.values.map((v) => ({
          value: v.text,
          literal: v.literal,
          path: v.observation.span.path,
          line: v.observation.span.start?.line ?? null,
          column: v.observation.span.start?.column ?? null,
          origin: v.observation.origin,
        }));
        if (cell.values.length > 0) any = true;
      }
      if (any) rows.push({ target, variable, key, cells, drift: drifting.has(settingId(variable, key)) });
    }
  }
  return { environments: resolution.environments, rows };
}
