// Shell extractor for the CI extractors' tests (github-actions, gitlab-ci): the real one when it
// is there, else a stand-in for fixtures whose scripts set nothing tracked.
import { basename } from 'node:path';
import { trackedVariable } from '../../src/knowledge/variables.js';
import type { ExtractShell } from '../../src/sources/shell/extract.js';

/** The shared shell extractor, when it has landed (src/sources/shell/index.ts). */
export async function loadShell(): Promise<ExtractShell | undefined> {
  const spec = '../../src/sources/shell/index.js';
  try {
    return ((await import(/* @vite-ignore */ spec)) as { extractShell?: ExtractShell }).extractShell;
  } catch {
    return undefined;
  }
}

/**
 * Stand-in for fixtures whose scripts set no tracked variable: returns nothing, and fails loudly
 * if a script does mention one (that fixture belongs in a run-* folder).
 */
export const silentShell: ExtractShell = async (script) => {
  const hit = (script.match(/[A-Z][A-Z0-9_]*/g) ?? []).find((n) => trackedVariable(n));
  if (hit) throw new Error(`script sets ${hit}; move this case into a run-* fixture`);
  return { observations: [], diagnostics: [] };
};

/** Why a `run-*` fixture (its scripts need the real shell extractor) is skipped, if it is. */
export function shellSkipReason(fixtureDir: string, shell: ExtractShell | undefined): string | undefined {
  return basename(fixtureDir).startsWith('run-') && !shell ? 'src/sources/shell/index.ts not there yet' : undefined;
}
