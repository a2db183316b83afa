// `godrift scan --go 1.27`: what breaks before an upgrade. The fixture is built by Go 1.26
// (FROM golang:1.26), which still honours the settings Go 1.27 retires; judged against 1.27
// they are start-up crashes (environment) and build errors (go.mod, //go:debug).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'godrift.js');
const fixture = 'test/fixtures/upgrade-check';

function scanJson(extra: string[]) {
  const r = spawnSync(process.execPath, [bin, 'scan', fixture, '--format', 'json', ...extra], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const findings = r.status === 2 ? [] : (JSON.parse(r.stdout).findings as Array<{ ruleId: string; severity: string; message: string; location: { path: string; line: number; column: number } }>);
  return { code: r.status, stderr: r.stderr, findings: findings.map((f) => ({ rule: f.ruleId, at: `${f.location.path}:${f.location.line}:${f.location.column}`, severity: f.severity, message: f.message })) };
}

describe('godrift scan --go 1.27 (upgrade check)', () => {
  it('with the toolchain in force (Go 1.26) nothing is retired yet', () => {
    const r = scanJson([]);
    expect(r.stderr).toBe('');
    expect(r.findings.filter((f) => f.rule === 'godebug-retired-value')).toEqual([]);
    // The same settings are security weakenings in production today.
    expect(r.findings.filter((f) => f.rule === 'prod-godebug-hazard').map((f) => f.at)).toEqual(['cmd/api/main.go:1:12', 'deploy/production/api.yaml:13:23', 'go.mod:5:9']);
  });

  it('tells which settings crash or break the build on Go 1.27, saying the version came from --go', () => {
    const r = scanJson(['--go', '1.27']);
    expect(r.code).toBe(1);
    const retired = r.findings.filter((f) => f.rule === 'godebug-retired-value');
    expect(retired.map((f) => [f.at, f.severity])).toEqual([
      ['cmd/api/main.go:1:12', 'error'],
      ['deploy/production/api.yaml:13:23', 'error'],
      ['deploy/production/api.yaml:13:35', 'error'],
      ['go.mod:5:9', 'error'],
    ]);
    for (const f of retired) expect(f.message).toMatch(/\(Go 1\.27: given with --go\)$/);
    expect(retired[0]!.message).toContain('GODEBUG "tls10server=1" is a build error with Go 1.27+');
    expect(retired[1]!.message).toContain('fatal error: removed GODEBUG "tlsrsakex" set to old value "1" in environment');
    expect(retired[2]!.message).toContain('"asynctimerchan" was removed in Go 1.27 and "1" is one of its old values ("1", "2")');
    expect(retired[3]!.message).toContain('GODEBUG "x509keypairleaf=0" is a build error with Go 1.27+');
    // panicnil=1 is a plain semantic switch that Go 1.27 still honours.
    expect(r.findings.some((f) => f.message.includes('panicnil'))).toBe(false);
  });

  it('rejects a --go that is not a Go version', () => {
    const r = scanJson(['--go', 'latest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--go "latest" is not a Go version');
  });
});
