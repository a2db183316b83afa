import { describe, expect, it } from 'vitest';
import {
  amd64Level,
  describeGodebugDomain,
  goEnvWriteRefused,
  goCommandFlags,
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

  it('knows the GOFLAGS names of each release, as its go command answered', () => {
    // Checked by hand against go1.26.8 before the probe existed (GOFLAGS=-<name>=1 go list -m, one
    // by one); the probe also finds -fixtool (registered as cmd.Name()+"tool" for go fix).
    const handChecked = (
      'C a artifacts asan asmflags bench benchmem benchtime blockprofile blockprofilerate buildmode buildvcs c cache changed ' +
      'compat compiled compiler count cover covermode coverpkg coverprofile cpu cpuprofile d debug-actiongraph ' +
      'debug-runtime-trace debug-trace deps diff dropexclude dropgodebug dropignore dropreplace droprequire dropretract ' +
      'droptool dropuse e exclude exec export f failfast find fix fmt fullpath fuzz fuzzcache fuzzminimizetime fuzztime ' +
      'gccgoflags gcflags go godebug i ignore insecure installsuffix json ldflags linkshared list m memprofile ' +
      'memprofilerate mod modcache modcacherw modfile module msan mutexprofile mutexprofilefraction n o outputdir overlay ' +
      'p parallel pgo pkgdir print r race replace require retract retracted reuse run short shuffle skip t tags test ' +
      'testcache timeout tool toolchain toolexec trace trimpath u use v vendor versions vet vettool w work x'
    ).split(' ');
    expect(goCommandFlags('1.26.8').flags).toEqual([...handChecked, 'fixtool'].sort());
    // Observed with Debian's go1.19.8: go: parsing $GOFLAGS: unknown flag -pgo.
    expect(goflagsProblems('-trimpath -pgo=auto', '1.19').map((p) => p.goError)).toEqual(['go: parsing $GOFLAGS: unknown flag -pgo']);
    expect(goflagsProblems('-trimpath -pgo=auto', '1.20')).toEqual([]);
    expect(goflagsProblems('-tool', '1.23.5').map((p) => p.kind)).toEqual(['unknownFlag']);
    expect(goflagsProblems('-tool', '1.24.0')).toEqual([]);
    expect(goCommandFlags('1.17').source).toBe('go1.18');
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
