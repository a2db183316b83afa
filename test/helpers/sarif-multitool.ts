// Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, its native binary for this
// platform) as the tests run it: `validate` with every rule, and the notes godrift accepts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The Multitool's native binary (from the npm package for this platform), if it runs here. */
export function multitool(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const bin = require('@microsoft/sarif-multitool-linux') as string;
    return spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0 ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `Sarif.Multitool validate`; returns its results (JSON schema errors are JSON10xx, rules SARIF1xxx/2xxx). */
export function validateSarif(bin: string, sarif: string): Array<{ ruleId: string; level: string; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'godrift-sarif-'));
  writeFileSync(join(dir, 'in.sarif'), sarif);
  // SARIF2006 fetches every URI in the log over HTTP: no network in tests.
  writeFileSync(
    join(dir, 'config.xml'),
    '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n    <Property Key="RuleEnabled" Value="Disabled" />\n  </Properties>\n</Properties>\n',
  );
  const r = spawnSync(bin, ['validate', join(dir, 'in.sarif'), '-o', join(dir, 'out.sarif'), '--log', 'ForceOverwrite', '-c', join(dir, 'config.xml'), '--level', 'Error', 'Warning', 'Note'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const out = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
  return (out.runs[0].results ?? []).map((x: { ruleId: string; level?: string; message: { arguments?: string[] } }) => ({
    ruleId: x.ruleId,
    level: x.level ?? 'warning',
    text: (x.message.arguments ?? []).join(' | '),
  }));
}

/**
 * Notes the validator gives that we accept, each for a reason: message ids instead of text
 * (SARIF2002: our messages carry the values), versionControlProvenance (SARIF2003: the scan
 * does not know the commit), conventional rule ids such as CS2001 (SARIF2009: ours are stable
 * kebab-case ids, as code scanning allows), snippets of multi-line regions (SARIF2010).
 */
export const ACCEPTED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2009', 'SARIF2010']);
