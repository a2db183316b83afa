// End-to-end: `godrift explain NAME` with the built CLI (npm run build first; `npm test` does).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'godrift.js');

function godrift(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('godrift explain', () => {
  it('explains a GODEBUG key: meaning, versions, defaults, rules', () => {
    const r = godrift(['explain', 'panicnil']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^GODEBUG panicnil \(runtime\)\n/);
    expect(r.stdout).toContain('panic(nil)');
    expect(r.stdout).toContain('Go 1.21–');
    expect(r.stdout).toContain('changed in Go 1.21: a main module whose go line is older gets "1"');
    expect(r.stdout).toMatch(/checked by: .*godebug-invalid-value/);
  });

  it('explains a retired GODEBUG setting given as GODEBUG=NAME', () => {
    const r = godrift(['explain', 'GODEBUG=x509sha1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('removed in Go 1.24');
    expect(r.stdout).toMatch(/retired: .*"1"/);
    expect(r.stdout).toMatch(/checked by: .*godebug-retired-value/);
  });

  it('explains a GOEXPERIMENT and a variable', () => {
    const exp = godrift(['explain', 'GOEXPERIMENT=arenas']);
    expect(exp.code).toBe(0);
    expect(exp.stdout).toMatch(/^GOEXPERIMENT arenas\n/);
    expect(exp.stdout).toContain('arena package');
    const tb = godrift(['explain', 'GOTRACEBACK']);
    expect(tb.code).toBe(0);
    expect(tb.stdout).toContain('default: single');
    expect(tb.stdout).toMatch(/checked by: .*gotraceback-invalid/);
  });

  it('prints JSON with --format json', () => {
    const r = godrift(['explain', 'panicnil', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'godebug', name: 'panicnil', changed: { version: '1.21', old: '1' } });
    expect(json.rules).toContain('godebug-not-in-version');
  });

  it('explains an undocumented go-command internal from the toolchains read', () => {
    const r = godrift(['explain', 'GODEBUG=gofsystrace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^GODEBUG gofsystrace \(cmd\/go\)\n/);
    expect(r.stdout).toMatch(/read by the source of: every toolchain read from go1\.19\.8 to go1\.27\.3/);
    expect(r.stdout).toContain('go.mod and //go:debug reject it');
    const json = JSON.parse(godrift(['explain', 'lazymod', '--format', 'json']).stdout);
    expect(json).toMatchObject({ kind: 'godebug-internal', name: 'lazymod', packages: ['cmd/go'] });
  });

  it('explains a build-configuration variable per Go version from internal/buildcfg', () => {
    const r = godrift(['explain', 'GOAMD64']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("the go command's error: go: invalid GOAMD64: must be v1, v2, v3, v4");
    expect(r.stdout).toContain('Go 1.18–1.22: an invalid value stops every go command');
    expect(r.stdout).toContain('Go 1.23–1.27: an invalid value is silently replaced by the default');
    const arm64 = JSON.parse(godrift(['explain', 'GOARM64', '--format', 'json']).stdout);
    expect(arm64.buildcfg).toMatchObject({ default: 'v8.0', suffixes: [',lse', ',crypto'] });
    expect(arm64.buildcfg.byVersion[0]).toEqual({ from: '1.18', to: '1.22', invalid: null });
    expect(arm64.rules).toContain('buildcfg-invalid');
  });

  it('explains GOEXPERIMENT=none from the newest toolchain\'s baseline', () => {
    const r = godrift(['explain', 'GOEXPERIMENT=none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/default-on experiments it turns off in Go 1\.27\.3 \(linux\/amd64\): .*greenteagc/);
    expect(r.stdout).toContain('forced back on by the platform anyway: regabiwrappers, regabiargs');
  });

  it('exits 2 with a suggestion for an unknown name', () => {
    const r = godrift(['explain', 'gcstop']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('did you mean "gcstoptheworld"?');
  });

  it('exits 2 on a usage error', () => {
    expect(godrift(['explain']).code).toBe(2);
    expect(godrift(['explain', 'panicnil', '--format', 'sarif']).code).toBe(2);
  });
});
