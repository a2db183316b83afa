// `.env` files: `.env`, `.env.<variant>` (`.env.production`, `.env.test`) and `<variant>.env`.
// Syntax lives in ./parse.ts (shared with compose env_file and systemd EnvironmentFile=).
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import type { Extractor, ExtractResult, SourceFile } from '../types.js';
import { parseDotenvDetailed } from './parse.js';

export { parseDotenv, parseDotenvDetailed } from './parse.js';
export type { DotenvEntry, DotenvError, DotenvParse } from './parse.js';

/** `.env.js`, `.env.d.ts`, … are code that happens to share the prefix, not env files. */
const CODE_SUFFIX = /\.(?:[cm]?[jt]s|json|ya?ml|toml|py|go|sh|md)$/;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The overlay name a `.env` file carries: `.env.production` → `production`,
 * `.env.production.local` → `production.local`, `staging.env` → `staging`; undefined for `.env`.
 * Environment assignment interprets it; this extractor only reports it.
 */
export function dotenvVariant(path: string): string | undefined {
  const name = baseName(path);
  if (name === '.env') return undefined;
  if (name.startsWith('.env.')) return name.slice(5) || undefined;
  if (name.endsWith('.env')) return name.slice(0, -4).replace(/^\./, '') || undefined;
  return undefined;
}

export function isDotenvPath(path: string): boolean {
  const name = baseName(path);
  if (name === '.env') return true;
  if (name.startsWith('.env.')) return !CODE_SUFFIX.test(name);
  return name.endsWith('.env') && name.length > 4;
}

/** Observations of one env file. Shared by the dotenv and systemd extractors. */
export function dotenvFileResult(
  path: string,
  text: string,
  base: Pick<Observation, 'origin' | 'scope' | 'phase'> & { variant?: string },
): ExtractResult {
  const lines = new LineIndex(text);
  const { entries, errors } = parseDotenvDetailed(text);
  const observations: Observation[] = [];
  for (const e of entries) {
    observations.push(
      ...assignmentObservations({
        path,
        lines,
        name: e.name,
        // Interpolating values keep their unquoted text (`${X}`) and are marked not literal.
        value: e.value,
        valueStart: e.valueStart,
        valueEnd: e.valueEnd,
        literal: !e.interpolates,
        origin: base.origin,
        scope: base.scope,
        phase: base.phase,
        ...(base.variant !== undefined ? { variant: base.variant } : {}),
      }),
    );
  }
  const diagnostics: Diagnostic[] = errors.map((err) => {
    const p = lines.position(err.offset);
    return { path, line: p.line, column: p.column, message: err.message, severity: 'warning', code: 'parse-error' };
  });
  return { observations, diagnostics };
}

export const dotenvExtractor: Extractor = {
  id: 'dotenv',
  matches: (path) => isDotenvPath(path),
  extract(file: SourceFile): ExtractResult {
    const variant = dotenvVariant(file.path);
    return dotenvFileResult(file.path, file.text, {
      origin: 'dotenv',
      scope: [],
      phase: 'run',
      ...(variant !== undefined ? { variant } : {}),
    });
  },
};
