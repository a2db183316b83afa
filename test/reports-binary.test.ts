// Findings in a binary, end to end: a repository with a release binary built by the Go fixture
// script (the race build) scanned by the CLI. A binary has no lines, so every format names the
// file once and the place inside it (build info › setting), SARIF gives a logical location and
// no region (never a made-up line 1), and annotations carry the file without a line.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { goFixtures, type Built } from './artifacts/helpers.js';
import { ACCEPTED_NOTES, multitool, validateSarif } from './helpers/sarif-multitool.js';

const root = join(import.meta.dirname, '..');
const hasGo = spawnSync('go', ['version']).status === 0;
let fx: Built = {};
beforeAll(async () => {
  if (hasGo) fx = await goFixtures();
}, 900_000);

describe.skipIf(!hasGo)('reports of findings in a binary', () => {
  it('name the file once, give SARIF a logical location and no region, annotate the file', () => {
    const repo = mkdtempSync(join(tmpdir(), 'godrift-binary-report-'));
    mkdirSync(join(repo, 'dist', 'release'), { recursive: true });
    copyFileSync(fx['linux-amd64-race']!.path!, join(repo, 'dist', 'release', 'app'));
    writeFileSync(join(repo, 'Dockerfile'), 'FROM scratch\nCOPY dist/release/app /app\nENTRYPOINT ["/app"]\n');
    const out = mkdtempSync(join(tmpdir(), 'godrift-binary-out-'));
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'godrift.js'), 'scan', repo, '--format', 'text', '--format', 'sarif', '--output', join(out, 'r.sarif'), '--format', 'github', '--output', join(out, 'r.gh'), '--format', 'markdown', '--output', join(out, 'r.md'), '--fail-on', 'none'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    expect(r.stdout).toMatch(/^dist\/release\/app › build info › -race: warning: .* \[binary-debug-build\]$/m);
    expect(r.stdout).not.toContain('dist/release/app › dist/release/app');
    expect(readFileSync(join(out, 'r.md'), 'utf8')).toContain('| dist/release/app › build info › -race |');

    const sarifText = readFileSync(join(out, 'r.sarif'), 'utf8');
    const results = JSON.parse(sarifText).runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: unknown }; logicalLocations?: Array<{ name: string; fullyQualifiedName: string }> }> }>;
    const race = results.find((x) => x.ruleId === 'binary-debug-build')!;
    expect(race.locations[0]!.physicalLocation.artifactLocation.uri).toBe('dist/release/app');
    expect(race.locations[0]!.physicalLocation.region).toBeUndefined();
    expect(race.locations[0]!.logicalLocations).toEqual([{ name: '-race', fullyQualifiedName: 'dist/release/app › build info › -race' }]);
    const inBinary = results.filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'dist/release/app');
    expect(inBinary.length).toBeGreaterThan(1);
    for (const x of inBinary) expect(x.locations[0]!.physicalLocation.region).toBeUndefined();

    const annotations = readFileSync(join(out, 'r.gh'), 'utf8').trimEnd().split('\n');
    const raceAnnotation = annotations.find((l) => l.includes('binary-debug-build'))!;
    expect(raceAnnotation).toMatch(/^::warning file=dist\/release\/app,title=godrift binary-debug-build \(production\)::.*\(build info › -race\)%0Ahelp: /);

    const bin = multitool();
    if (!bin && !process.env.CI) return;
    expect(bin, 'npm ci installs @microsoft/sarif-multitool').toBeDefined();
    // SARIF2017 (a location with no region) is the point for results in the binary, and only there.
    const binaryPointers = new Set(inBinary.map((x) => `runs[0].results[${results.indexOf(x)}].locations[0].physicalLocation`));
    const problems = validateSarif(bin!, sarifText).filter((x) => (x.level !== 'note' || !ACCEPTED_NOTES.has(x.ruleId)) && !(x.ruleId === 'SARIF2017' && binaryPointers.has(x.text)));
    expect(problems).toEqual([]);
  });
});
