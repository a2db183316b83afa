import { describe, expect, it } from 'vitest';
import {
  amd64Level,
  describeGodebugDomain,
  goEnvWriteRefused,
  goflagsProblems,
  godebugSetting,
  removedGodebugFatalIn,
  securityReleaseGodebugs,
} from './index.js';

describe('tooling knowledge', () => {
  it('retired GODEBUG values are fatal from Go 1.27', () => {
    expect(removedGodebugFatalIn('1.26.8')).toBe(false);
    expect(removedGodebugFatalIn('1.27')).toBe(true);
    expect(removedGodebugFatalIn('go1.27.3')).toBe(true);
  });

  it('derives the security-release settings from the tables (go-facts §2.3)', () => {
    expect(securityReleaseGodebugs()).toEqual(['httpcookiemaxnum', 'httpservecontentmaxranges', 'urlmaxqueryparams']);
  });

  it('judges GOFLAGS like InitGOFLAGS', () => {
    expect(goflagsProblems('-mod=vendor -trimpath "-ldflags=-s -w" --tags=netgo')).toEqual([]);
    expect(goflagsProblems('mod=mod').map((p) => p.goError)).toEqual(['go: parsing $GOFLAGS: non-flag "mod=mod"']);
    expect(goflagsProblems('-tag=netgo').map((p) => p.goError)).toEqual(['go: parsing $GOFLAGS: unknown flag -tag']);
    expect(goflagsProblems('-x "-ldflags=-s').map((p) => p.kind)).toEqual(['unterminated']);
    expect(goflagsProblems('---x -= -').map((p) => p.kind)).toEqual(['nonFlag', 'nonFlag', 'nonFlag']);
  });

  it('knows GOAMD64 levels', () => {
    expect(amd64Level('v1')).toEqual({ valid: true, level: 1 });
    expect(amd64Level('v3').refusal).toBe('This program can only be run on AMD64 processors with v3 microarchitecture support.');
    expect(amd64Level('V3').valid).toBe(false);
  });

  it('knows what go env -w refuses', () => {
    expect(goEnvWriteRefused('GODEBUG', '1.21')).toBe(true);
    expect(goEnvWriteRefused('GOROOT', '1.26.3')).toBe(false);
    expect(goEnvWriteRefused('GOROOT', '1.27')).toBe(true);
    expect(goEnvWriteRefused('GOTOOLCHAIN', '1.27')).toBe(false);
  });

  it('describes value domains', () => {
    expect(describeGodebugDomain(godebugSetting('panicnil')!.domain)).toBe('0 or 1');
    expect(describeGodebugDomain(godebugSetting('multipathtcp')!.domain)).toBe('one of "0", "1", "2", "3"');
    expect(describeGodebugDomain(godebugSetting('profstackdepth')!.domain)).toBe('an integer from 0 to 1024 (frames)');
  });
});
