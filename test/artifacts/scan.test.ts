// `godrift scan` picks up binaries and image archives in the tree: their build info becomes
// production observations (unless a path or godrift.yaml says otherwise) with logical spans, and
// binary files no longer produce "binary content" diagnostics.
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config/load.js';
import { scan } from '../../src/cli/scan.js';
import { goFixtures, HAS_GO, SKIP_WITHOUT_GO, type Built } from './helpers.js';

const hasGo = HAS_GO;
let fx: Built = {};
beforeAll(async () => {
  if (hasGo) fx = await goFixtures();
}, 900_000);

describe.skipIf(SKIP_WITHOUT_GO)('scan with artifacts', () => {
  it('binaries become observations; a 2 GB sparse file is not read whole', async () => {
    const root = mkdtempSync(join(tmpdir(), 'godrift-scan-art-'));
    mkdirSync(join(root, 'dist', 'release'), { recursive: true });
    copyFileSync(fx['linux-amd64-race']!.path!, join(root, 'dist', 'release', 'app'));
    writeFileSync(join(root, 'Dockerfile'), 'FROM scratch\nCOPY dist/release/app /app\nENV GODEBUG=panicnil=0\nENTRYPOINT ["/app"]\n');
    const fd = openSync(join(root, 'core'), 'w');
    writeFileSync(fd, Buffer.from('\x7fELF\x02\x01\x01', 'latin1'));
    ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
    closeSync(fd);
    const started = Date.now();
    const r = await scan({ root, config: mergeConfig({}), inlineIgnores: true });
    expect(Date.now() - started).toBeLessThan(10_000);
    const bin = r.observations.filter((o) => o.origin === 'binary-buildinfo');
    expect(bin.length).toBeGreaterThan(5);
    expect(bin.every((o) => o.environment?.name === 'production')).toBe(true);
    expect(bin.find((o) => o.variable === 'GODEBUG' && o.key === 'panicnil')?.span.logical).toEqual(['dist/release/app', 'build info', 'DefaultGODEBUG', 'panicnil']);
    expect(r.findings.some((f) => f.ruleId === 'binary-debug-build')).toBe(true);
    expect(r.findings.some((f) => f.ruleId === 'binary-godebug-override')).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === 'binary-file' || d.code === 'too-large')).toEqual([]);
  });
});
