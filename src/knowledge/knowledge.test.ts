import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GENERATED_TOOLCHAINS,
  NEWEST_GO_VERSION,
  NEWEST_GO_RELEASED,
  allGodebugNames,
  compareGoVersions,
  defaultGodebug,
  experimentKnown,
  experimentsFor,
  godebugDefault,
  godebugExistsIn,
  godebugInTable,
  godebugProductionHazard,
  godebugSetting,
  godebugValueValid,
  internalGodebugRead,
  minorNumber,
  GOTRACEBACK_LEVEL_NAMES,
  BUILDCFG_ERROR_RESET_SINCE,
  buildcfgVariable,
  buildcfgValueValid,
  GOAMD64_LEVELS,
  GOAMD64_DEFAULT,
  parseGotoolchain,
  gotoolchainProblem,
  selectGoToolchain,
  parseGogc,
  parseGomaxprocs,
  parseKubernetesQuantity,
  parseMemLimit,
  retiredGodebug,
  suggestGodebugKey,
  tracebackLevel,
} from './index.js';
import { CURATED_EXPERIMENTS, EXPERIMENT_COLUMNS } from './curated/experiments.js';

describe('generated data agrees with the curated history', () => {
  for (const tc of GENERATED_TOOLCHAINS) {
    const v = tc.version;
    it(`${v}: every table entry and dbgvar is curated and exists there`, () => {
      for (const g of tc.godebugs) {
        expect(godebugSetting(g.name), g.name).toBeDefined();
        expect(godebugInTable(g.name, v), `${g.name} in table of ${v}`).toBe(true);
      }
      for (const d of tc.dbgvars) {
        expect(godebugSetting(d.name), d.name).toBeDefined();
        expect(godebugExistsIn(d.name, v), `${d.name} exists in ${v}`).toBe(true);
        expect(godebugSetting(d.name)?.runtime, `${d.name} marked runtime`).toBe(true);
      }
    });
    it(`${v}: nothing curated as in the table or runtime is missing from the source`, () => {
      const table = new Set(tc.godebugs.map((g) => g.name));
      const dbg = new Set(tc.dbgvars.map((d) => d.name));
      for (const name of allGodebugNames()) {
        const s = godebugSetting(name)!;
        if (godebugInTable(name, v)) expect(table.has(name), `${name} claimed in table of ${v}`).toBe(true);
        if (s.runtime && godebugExistsIn(name, v)) expect(dbg.has(name), `${name} claimed in dbgvars of ${v}`).toBe(true);
      }
    });
    it(`${v}: experiments parsed and equal to the curated matrix column`, () => {
      // Go 1.19 has 8 flags (go-facts §3.2), 1.26 and 1.27 have 20.
      expect(tc.experiments.length).toBeGreaterThanOrEqual(8);
      expect(experimentsFor(v).length).toBe(tc.experiments.length);
      const column = EXPERIMENT_COLUMNS.indexOf(`1.${minorNumber(v)}` as (typeof EXPERIMENT_COLUMNS)[number]);
      if (column < 0) return;
      const curated = [...CURATED_EXPERIMENTS].filter(([, cells]) => cells[column] !== '-').map(([name]) => name).sort();
      expect(tc.experiments.map((e) => e.name).sort()).toEqual(curated);
      const curatedOn = [...CURATED_EXPERIMENTS].filter(([, cells]) => cells[column] === 'D').map(([name]) => name).sort();
      expect(tc.experiments.filter((e) => e.baseline === 'true').map((e) => e.name).sort()).toEqual(curatedOn);
    });
    it(`${v}: every GODEBUG key its library and go-command code reads is curated or a known internal`, () => {
      expect(tc.reads.length).toBeGreaterThan(10);
      for (const r of tc.reads) {
        const s = godebugSetting(r.name);
        if (!s) {
          // Undocumented internals: go-facts §1.2 "Hidden settings" (plus lazymod, fuzzseed and intern, read straight from the environment).
          expect(['cmdgonetlimit', 'execwait', 'fuzzdebug', 'fuzzseed', 'gofsystrace', 'gofsystracelog', 'gofsystracestack', 'goindex', 'gotoolchainexec', 'intern', 'lazymod', 'simd'], r.name).toContain(r.name);
          expect(internalGodebugRead(r.name)?.toolchains).toContain(v);
          continue;
        }
        expect(godebugExistsIn(r.name, v), `${r.name} is read by ${r.packages.join(', ')} in ${v}`).toBe(true);
      }
    });
    it(`${v}: every curated library or go-command setting of that version is read by its source`, () => {
      const reads = new Set(tc.reads.map((r) => r.name));
      const dbg = new Set(tc.dbgvars.map((d) => d.name));
      const missing = allGodebugNames().filter((name) => {
        const s = godebugSetting(name)!;
        if (name.startsWith('cpu.') || name === 'memprofilerate' || name === 'pagetrace' || dbg.has(name)) return false;
        if (s.package === 'runtime' && s.runtime) return false;
        return godebugExistsIn(name, v) && !reads.has(name);
      });
      expect(missing, `curated as existing in ${v} but not read by its source`).toEqual([]);
    });
  }
});

describe('versions', () => {
  it('compares like cmd/go gover', () => {
    expect(compareGoVersions('1.22', '1.22.3')).toBeLessThan(0);
    expect(compareGoVersions('go1.22.3', '1.22.3')).toBe(0);
    expect(compareGoVersions('1.22rc1', '1.22')).toBeGreaterThan(0);
    expect(compareGoVersions('1.22rc1', '1.22.0')).toBeLessThan(0);
    expect(compareGoVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareGoVersions('go1.26.3-X:jsonv2', '1.26.3')).toBe(0);
    expect(compareGoVersions('devel', '1.2')).toBeLessThan(0);
    expect(compareGoVersions('1.22beta1', '1.22rc1')).toBeLessThan(0);
  });
  it('knows a newest version at least 1.27', () => {
    expect(compareGoVersions(NEWEST_GO_VERSION, '1.27')).toBeGreaterThanOrEqual(0);
  });
});

describe('godebug settings', () => {
  it('describes table, runtime and cpu settings', () => {
    const p = godebugSetting('panicnil')!;
    expect(p.changed).toEqual({ version: '1.21', old: '1' });
    expect(p.inTable && p.runtime).toBe(true);
    expect(godebugSetting('fips140')!.immutable).toBe(true);
    expect(godebugSetting('http2debug')!.readsEnvironmentOnly).toBe(true);
    const cpu = godebugSetting('cpu.avx2')!;
    expect(cpu.readsEnvironmentOnly).toBe(true);
    expect(cpu.domain).toEqual({ kind: 'enum', values: ['on', 'off'] });
    expect(godebugSetting('cpu.nosuch')).toBeUndefined();
    expect(godebugSetting('gcstop')).toBeUndefined();
  });
  it('knows when settings exist', () => {
    expect(godebugExistsIn('panicnil', '1.20')).toBe(false);
    expect(godebugExistsIn('panicnil', 'go1.21.0')).toBe(true);
    expect(godebugExistsIn('netedns0', '1.22.4')).toBe(false);
    expect(godebugExistsIn('netedns0', '1.22.5')).toBe(true);
    expect(godebugExistsIn('netedns0', '1.21.12')).toBe(true);
    expect(godebugExistsIn('netedns0', '1.22', { latestPatch: true })).toBe(true);
    expect(godebugExistsIn('allocfreetrace', '1.22')).toBe(true);
    expect(godebugExistsIn('allocfreetrace', '1.23')).toBe(false);
    expect(godebugExistsIn('asynctimerchan', '1.26.8')).toBe(true);
    expect(godebugExistsIn('asynctimerchan', '1.27')).toBe(false);
    expect(godebugExistsIn('x509sha1', '1.23')).toBe(true);
    expect(godebugExistsIn('x509sha1', '1.24')).toBe(false);
    expect(godebugExistsIn('cpu.all', '1.18')).toBe(true);
    expect(godebugExistsIn('tlsmaxrsasize', '1.21.0')).toBe(false);
    expect(godebugExistsIn('tlsmaxrsasize', '1.20.8')).toBe(true);
    expect(godebugExistsIn('tlsmaxrsasize', '1.26')).toBe(true);
    expect(godebugInTable('tracebacklabels', '1.26')).toBe(false);
    expect(godebugExistsIn('tracebacklabels', '1.26')).toBe(true);
    expect(godebugInTable('tracebacklabels', '1.27')).toBe(true);
  });
  it('gives defaults per toolchain and go line', () => {
    expect(godebugDefault('panicnil', '1.22', '1.20')).toBe('1');
    expect(godebugDefault('panicnil', '1.22')).toBe('0');
    expect(godebugDefault('panicnil', '1.20')).toBeUndefined();
    expect(godebugDefault('tracebacklabels', '1.26.8')).toBe('0');
    expect(godebugDefault('tracebacklabels', '1.27.3')).toBe('1');
    expect(godebugDefault('tracebacklabels', '1.27.3', '1.26')).toBe('0');
    expect(godebugDefault('multipathtcp', '1.23')).toBe('0');
    expect(godebugDefault('multipathtcp', '1.24')).toBe('2');
    expect(godebugDefault('httpcookiemaxnum', '1.26', '1.23')).toBe('0');
    expect(godebugDefault('httpcookiemaxnum', '1.26')).toBe('3000');
    expect(godebugDefault('profstackdepth', '1.26.8')).toBe('128');
    expect(godebugDefault('netedns0', '1.23', '1.18')).toBe('0');
    expect(godebugDefault('netdns', '1.23')).toBeUndefined();
  });
  it('lists retired settings', () => {
    expect(retiredGodebug('asynctimerchan')).toEqual({ removedIn: '1.27', oldValues: ['1', '2'] });
    expect(retiredGodebug('x509sha1')).toEqual({ removedIn: '1.24', oldValues: ['1'] });
    expect(retiredGodebug('panicnil')).toBeUndefined();
  });
  it('checks value domains', () => {
    expect(godebugValueValid('netdns', 'go+1')).toBe(true);
    expect(godebugValueValid('netdns', 'cgo')).toBe(true);
    expect(godebugValueValid('netdns', '2')).toBe(true);
    expect(godebugValueValid('netdns', 'dns')).toBe(false);
    expect(godebugValueValid('panicnil', '1#pattern')).toBe(true);
    expect(godebugValueValid('panicnil', 'yes')).toBe(false);
    expect(godebugValueValid('fips140', 'only')).toBe(true);
  });
});

describe('production hazards', () => {
  it('flags costly diagnostics', () => {
    expect(godebugProductionHazard('gctrace', '1')).toMatchObject({ cost: 'low', kind: 'diagnostics' });
    expect(godebugProductionHazard('gctrace', '0')).toBeUndefined();
    expect(godebugProductionHazard('gcstoptheworld', '2')).toMatchObject({ cost: 'high' });
    expect(godebugProductionHazard('memprofilerate', '1')).toMatchObject({ cost: 'high', kind: 'cost' });
    expect(godebugProductionHazard('memprofilerate', '4096')).toMatchObject({ cost: 'medium' });
    expect(godebugProductionHazard('memprofilerate', '524288')).toBeUndefined();
    expect(godebugProductionHazard('cpu.avx2', 'off')).toMatchObject({ kind: 'cost' });
    expect(godebugProductionHazard('http2debug', '2')?.reason).toMatch(/frame/);
    expect(godebugProductionHazard('madvdontneed', '0')).toBeDefined();
    expect(godebugProductionHazard('madvdontneed', '1')).toBeUndefined();
  });
  it('knows cgocheck=2 crashes from 1.21 on', () => {
    expect(godebugProductionHazard('cgocheck', '2', '1.20')).toMatchObject({ kind: 'cost', cost: 'high' });
    expect(godebugProductionHazard('cgocheck', '2', '1.21')).toMatchObject({ kind: 'crash' });
    expect(godebugProductionHazard('cgocheck', '2')).toMatchObject({ kind: 'crash' });
  });
  it('flags security weakening and retired old values', () => {
    expect(godebugProductionHazard('tls10server', '1', '1.26')).toMatchObject({ kind: 'security', cost: 'high' });
    expect(godebugProductionHazard('tls10server', '1', '1.27')).toMatchObject({ kind: 'crash' });
    expect(godebugProductionHazard('asynctimerchan', '2', '1.27.3')).toMatchObject({ kind: 'crash' });
    expect(godebugProductionHazard('asynctimerchan', '0', '1.27.3')).toBeUndefined();
    expect(godebugProductionHazard('httpcookiemaxnum', '0')).toMatchObject({ kind: 'security' });
    expect(godebugProductionHazard('x509sha1', '1#x')).toMatchObject({ kind: 'crash' });
    expect(godebugProductionHazard('x509sha1', '1', '1.23')).toMatchObject({ kind: 'security' });
    expect(godebugProductionHazard('panicnil', '1')).toBeUndefined();
  });
  it('writes reasons as one lowercase sentence', () => {
    for (const [n, v] of [['gctrace', '1'], ['sbrk', '1'], ['rsa1024min', '0'], ['tlsrsakex', '1']] as const) {
      const r = godebugProductionHazard(n, v, '1.26')!.reason;
      expect(r[0]).toBe(r[0]!.toLowerCase());
      expect(r.endsWith('.')).toBe(false);
    }
  });
});

describe('suggestions', () => {
  it('suggests close keys', () => {
    expect(suggestGodebugKey('gcstop')).toBe('gcstoptheworld');
    expect(suggestGodebugKey('madvdontneeed')).toBe('madvdontneed');
    expect(suggestGodebugKey('gctrce')).toBe('gctrace');
    expect(suggestGodebugKey('GCTRACE')).toBe('gctrace');
    expect(suggestGodebugKey('http2debg')).toBe('http2debug');
    expect(suggestGodebugKey('cpu.ssse')).toBe('cpu.ssse3');
    expect(suggestGodebugKey('gctrace')).toBeUndefined();
    expect(suggestGodebugKey('completelyunrelated')).toBeUndefined();
  });
});

describe('defaultGodebug', () => {
  it('applies the table, go.mod godebug lines and //go:debug', () => {
    expect(defaultGodebug('1.26.8', '1.26', {}, {})).toBe('');
    expect(defaultGodebug('1.20', '1.18', {}, {})).toBe('');
    expect(defaultGodebug('1.26.8', '1.26', { panicnil: '1' }, { panicnil: '0' })).toBe('panicnil=0');
    expect(defaultGodebug('1.26.8', '1.26', { default: 'go1.25' }, {})).toBe('cryptocustomrand=1,tlssecpmlkem=0,urlstrictcolons=0');
    expect(defaultGodebug('1.26.8', '1.26', {}, {}, { gofips140: 'latest' })).toBe('fips140=on');
  });
  it('matches the go1.23.1 observation of go-facts §2.3', () => {
    expect(defaultGodebug('1.23.1', '1.20', {}, {})).toBe(
      'asynctimerchan=1,gotypesalias=0,httplaxcontentlength=1,httpmuxgo121=1,httpservecontentkeepheaders=1,panicnil=1,tls10server=1,tls3des=1,tlskyber=0,tlsrsakex=1,tlsunsafeekm=1,winreadlinkvolume=0,winsymlink=0,x509keypairleaf=0,x509negativeserial=1',
    );
  });
  it('matches the go1.26.3 observation of go-facts §2.3', () => {
    expect(defaultGodebug('1.26.3', '1.23', {}, {})).toBe(
      'containermaxprocs=0,cryptocustomrand=1,decoratemappings=0,gotestjsonbuildtext=1,httpcookiemaxnum=0,multipathtcp=0,randseednop=0,rsa1024min=0,tlsmlkem=0,tlssecpmlkem=0,tlssha1=1,updatemaxprocs=0,urlmaxqueryparams=0,urlstrictcolons=0,x509rsacrt=0,x509sha256skid=0,x509usepolicies=0',
    );
  });
});

describe('experiments', () => {
  it('lists flags and baselines per version', () => {
    const e126 = experimentsFor('1.26.8');
    expect(e126.find((e) => e.name === 'greenteagc')?.defaultOn).toBe(true);
    expect(e126.find((e) => e.name === 'jsonv2')?.defaultOn).toBe(false);
    expect(experimentsFor('1.27.3').find((e) => e.name === 'jsonv2')?.defaultOn).toBe(true);
    expect(experimentsFor('1.26', { goarch: '386' }).find((e) => e.name === 'regabiargs')?.defaultOn).toBe(false);
    expect(experimentsFor('1.26', { goos: 'darwin', goarch: 'arm64' }).find((e) => e.name === 'dwarf5')?.defaultOn).toBe(false);
    expect(experimentsFor('1.22').find((e) => e.name === 'allocheaders')?.defaultOn).toBe(true);
    expect(experimentsFor('1.17')).toEqual([]);
  });
  it('knows names, no-prefixes, none and regabi', () => {
    expect(experimentKnown('loopvar', '1.21')).toBe(true);
    expect(experimentKnown('loopvar', '1.20')).toBe(false);
    expect(experimentKnown('nogreenteagc', '1.26')).toBe(true);
    expect(experimentKnown('none', '1.18')).toBe(true);
    expect(experimentKnown('regabi', '1.27')).toBe(true);
    expect(experimentKnown('swissmap', '1.24')).toBe(true);
    expect(experimentKnown('swissmap', '1.27')).toBe(false);
    expect(experimentKnown('rangefunc', '1.26.8')).toBe(false);
    expect(experimentKnown('genericmethods', '1.27')).toBe(false);
    expect(experimentKnown('goroutineleakprofile', '1.26')).toBe(true);
    expect(experimentKnown('goroutineleakprofile', '1.27')).toBe(false);
    expect(experimentKnown('mapsplitgroup', '1.27.3')).toBe(true);
  });
});

describe('scalar runtime variables', () => {
  it('reads GOTRACEBACK like setTraceback', () => {
    expect(tracebackLevel('')).toEqual({ valid: true, level: 'single', printsStacks: true });
    expect(tracebackLevel('none').printsStacks).toBe(false);
    expect(tracebackLevel('crash')).toMatchObject({ valid: true, level: 'crash', printsStacks: true });
    expect(tracebackLevel('wer')).toEqual({ valid: false, level: 'none', printsStacks: false });
    expect(tracebackLevel('wer', 'windows')).toMatchObject({ valid: true, level: 'wer' });
    expect(tracebackLevel('sytem')).toEqual({ valid: false, level: 'none', printsStacks: false });
    expect(tracebackLevel('2')).toEqual({ valid: true, level: 'numeric', printsStacks: true });
    expect(tracebackLevel('0')).toEqual({ valid: true, level: 'numeric', printsStacks: false });
    expect(tracebackLevel('-1').valid).toBe(false);
  });
  it('parses GOMEMLIMIT like parseByteCount', () => {
    expect(parseMemLimit('off')).toEqual({ ok: true, bytes: null });
    expect(parseMemLimit('')).toEqual({ ok: true, bytes: null });
    expect(parseMemLimit('1024')).toEqual({ ok: true, bytes: 1024 });
    expect(parseMemLimit('512B')).toEqual({ ok: true, bytes: 512 });
    expect(parseMemLimit('512MiB')).toEqual({ ok: true, bytes: 512 * 2 ** 20 });
    expect(parseMemLimit('2GiB')).toEqual({ ok: true, bytes: 2 * 2 ** 30 });
    for (const bad of ['512Mi', '512MB', '1.5GiB', '-1', 'GiB', ' 1GiB', '1 GiB', '99999999TiB', 'B', 'iB']) {
      expect(parseMemLimit(bad).ok, bad).toBe(false);
    }
  });
  it('parses GOGC and GOMAXPROCS', () => {
    expect(parseGogc('off')).toEqual({ ok: true, off: true });
    expect(parseGogc('-1')).toEqual({ ok: true, off: true });
    expect(parseGogc('200')).toEqual({ ok: true, off: false, percent: 200 });
    expect(parseGogc('100%')).toEqual({ ok: false, off: false, percent: 100 });
    expect(parseGomaxprocs('4')).toEqual({ ok: true, procs: 4 });
    expect(parseGomaxprocs('0')).toEqual({ ok: false });
    expect(parseGomaxprocs('four')).toEqual({ ok: false });
  });
  it('parses Kubernetes quantities', () => {
    expect(parseKubernetesQuantity('512Mi')).toBe(512 * 2 ** 20);
    expect(parseKubernetesQuantity('500m')).toBe(0.5);
    expect(parseKubernetesQuantity('2')).toBe(2);
    expect(parseKubernetesQuantity('1G')).toBe(1e9);
    expect(parseKubernetesQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseKubernetesQuantity('1e3')).toBe(1000);
    expect(parseKubernetesQuantity('12Mb')).toBeUndefined();
    expect(parseKubernetesQuantity('')).toBeUndefined();
  });
});

describe('toolchain selection (cmd/go/internal/toolchain.Select)', () => {
  it('parses GOTOOLCHAIN like the go command', () => {
    expect(parseGotoolchain('auto')).toEqual({ min: 'local', mode: 'auto' });
    expect(parseGotoolchain('path')).toEqual({ min: 'local', mode: 'path' });
    expect(parseGotoolchain('local')).toEqual({ min: 'local', mode: 'none' });
    expect(parseGotoolchain('go1.27.3')).toEqual({ min: '1.27.3', mode: 'none' });
    expect(parseGotoolchain('go1.22.3+auto')).toEqual({ min: '1.22.3', mode: 'auto' });
    expect(parseGotoolchain('local+path')).toEqual({ min: 'local', mode: 'path' });
    // go: invalid GOTOOLCHAIN "1.22.3" (no go prefix), "go1.22+latest" (only +auto and +path).
    expect(parseGotoolchain('1.22.3')).toBeUndefined();
    expect(parseGotoolchain('go1.22+latest')).toBeUndefined();
    expect(parseGotoolchain('gofoo')).toBeUndefined();
  });
  it('switches to a newer toolchain or go line under auto, never under local or a bare name', () => {
    expect(selectGoToolchain({ local: '1.26.8', toolchainLine: 'go1.27.3', goLine: '1.25.0' })?.version).toBe('1.27.3');
    expect(selectGoToolchain({ local: '1.26.8', goLine: '1.27' })?.version).toBe('1.27.0');
    expect(selectGoToolchain({ local: '1.26.8', toolchainLine: 'go1.25.0', goLine: '1.24' })).toEqual({ version: '1.26.8', because: [] });
    expect(selectGoToolchain({ local: '1.26.8', gotoolchain: 'local', toolchainLine: 'go1.27.3' })?.version).toBe('1.26.8');
    expect(selectGoToolchain({ local: '1.26.8', gotoolchain: 'go1.25.4', toolchainLine: 'go1.27.3' })?.version).toBe('1.25.4');
    expect(selectGoToolchain({ local: '1.26.8', gotoolchain: 'go1.25.4+auto', toolchainLine: 'go1.27.3' })?.version).toBe('1.27.3');
    expect(selectGoToolchain({ local: '1.26.8', toolchainLine: 'default', goLine: '1.27' })?.version).toBe('1.26.8');
    expect(selectGoToolchain({ gotoolchain: 'go1.27.3' })?.version).toBe('1.27.3');
    // golang:1.26 is the newest 1.26.x: an older 1.26 toolchain or go line does not switch it.
    expect(selectGoToolchain({ local: '1.26', toolchainLine: 'go1.26.3', goLine: '1.26.1' })).toEqual({ version: '1.26', because: [] });
    expect(selectGoToolchain({ local: '1.26', toolchainLine: 'go1.27.0' })?.version).toBe('1.27.0');
    expect(selectGoToolchain({ goLine: '1.22' })?.version).toBe('1.22.0');
    expect(selectGoToolchain({})).toBeUndefined();
  });
  it('leaves a go command older than 1.21 alone', () => {
    const s = selectGoToolchain({ local: '1.20.14', gotoolchain: 'go1.27.3', toolchainLine: 'go1.27.3' });
    expect(s?.version).toBe('1.20.14');
    expect(s?.because.join()).toContain('predates GOTOOLCHAIN');
  });
});

describe('GODEBUG keys read by the Go source but not modelled', () => {
  it('knows the go command internals of the toolchains at hand', () => {
    expect(internalGodebugRead('gofsystrace')?.packages).toEqual(['cmd/go']);
    expect(internalGodebugRead('lazymod')?.toolchains.length).toBeGreaterThanOrEqual(1);
    expect(internalGodebugRead('panicnil')).toBeUndefined();
    expect(internalGodebugRead('gcstop')).toBeUndefined();
  });
});

describe('docs/knowledge.md', () => {
  it('names the toolchains generated from, the newest version known and its release date', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'knowledge.md'), 'utf8');
    const para = /The committed data was\s+generated from ([^\n]*(?:\n[^\n]+)*?)\. Newest Go version known: \*\*([^*]+)\*\*/.exec(doc);
    expect(para, 'paragraph "The committed data was generated from …"').not.toBeNull();
    const listed = [...para![1]!.matchAll(/\*\*(go[\d.]+)\*\*/g)].map((m) => m[1]);
    expect(listed).toEqual(GENERATED_TOOLCHAINS.map((t) => t.version));
    expect(para![2]).toBe(NEWEST_GO_VERSION);
    expect(NEWEST_GO_RELEASED).toBeDefined();
    expect(doc).toContain(`released **${NEWEST_GO_RELEASED!.slice(0, 10)}**`);
  });
});

describe('build-configuration variables (internal/buildcfg)', () => {
  it('are generated for every toolchain, GOAMD64 matching the curated levels', () => {
    for (const tc of GENERATED_TOOLCHAINS) {
      const amd64 = tc.archVars.find((a) => a.name === 'GOAMD64');
      expect(amd64?.values, tc.version).toEqual([...GOAMD64_LEVELS]);
      if (amd64?.default) expect(amd64.default).toBe(GOAMD64_DEFAULT);
    }
  });
  it('know that an invalid GOAMD64 or GOARM stops the go command only before Go 1.23', () => {
    // go1.19.8: "go: invalid GOAMD64: must be v1, v2, v3, v4", exit 2 (observed).
    expect(buildcfgVariable('GOAMD64', '1.19')).toMatchObject({ invalidFatal: true, source: 'go1.19.8', exact: true, invalid: 'invalid GOAMD64: must be v1, v2, v3, v4' });
    expect(buildcfgVariable('GOAMD64', '1.22.5')?.invalidFatal).toBe(true);
    // go1.26.8 and go1.27.3 build and record the raw value (observed).
    expect(buildcfgVariable('GOAMD64', '1.23')?.invalidFatal).toBe(false);
    expect(buildcfgVariable('GOAMD64', '1.26.8')).toMatchObject({ invalidFatal: false, exact: true });
    expect(buildcfgVariable('GOARM', '1.27')?.invalidFatal).toBe(false);
    // Variables initialised after GOARM64 keep their error.
    expect(buildcfgVariable('GOPPC64', '1.27')).toMatchObject({ invalidFatal: true, invalid: 'invalid GOPPC64: must be power8, power9, power10' });
    expect(buildcfgVariable('GOFIPS140', '1.26')?.invalidFatal).toBe(true);
  });
  it('agree with the curated release facts for every toolchain read', () => {
    for (const tc of GENERATED_TOOLCHAINS) {
      const before = compareGoVersions(tc.version, BUILDCFG_ERROR_RESET_SINCE) < 0;
      expect(tc.archVars.find((a) => a.name === 'GOAMD64')?.invalidFatal, `${tc.version} GOAMD64`).toBe(before);
      expect(tc.archVars.find((a) => a.name === 'GOARM')?.invalidFatal, `${tc.version} GOARM`).toBe(before);
      for (const name of ['GOARM64', 'GORISCV64', 'GOFIPS140']) {
        expect(tc.archVars.some((a) => a.name === name), `${name} in ${tc.version}`).toBe(buildcfgVariable(name, tc.version) !== undefined);
      }
    }
  });
  it('know which release has which variable and value', () => {
    expect(buildcfgVariable('GOARM64', '1.22')).toBeUndefined();
    expect(buildcfgVariable('GOARM64', '1.24')).toMatchObject({ default: 'v8.0' });
    expect(buildcfgVariable('GOFIPS140', '1.23')).toBeUndefined();
    expect(buildcfgVariable('GOPPC64', '1.19')?.values).toEqual(['power8', 'power9']);
    const arm = buildcfgVariable('GOARM', '1.26')!;
    expect(buildcfgValueValid(arm, '6,softfloat')).toBe(true);
    expect(buildcfgValueValid(arm, '8')).toBe(false);
    expect(buildcfgValueValid(buildcfgVariable('GOARM', '1.19')!, '7,softfloat')).toBe(false);
    expect(buildcfgValueValid(buildcfgVariable('GOARM64', '1.27')!, 'v8.2,crypto,lse')).toBe(true);
    expect(buildcfgValueValid(buildcfgVariable('GOFIPS140', '1.26')!, 'v1.0.0')).toBe(true);
    expect(buildcfgValueValid(buildcfgVariable('GOFIPS140', '1.26')!, 'on')).toBe(false);
    expect(buildcfgValueValid(buildcfgVariable('GOWASM', '1.26')!, 'satconv,signext')).toBe(true);
  });
});

describe('GOTOOLCHAIN values that break every go command', () => {
  it('prints what cmd/go/internal/toolchain.Select prints', () => {
    // Observed with go1.26.8: go: invalid GOTOOLCHAIN "1.22.3"; … "go1.22.3+latest": only version suffixes are +auto and +path.
    expect(gotoolchainProblem('1.22.3')).toEqual({ kind: 'invalid', error: 'invalid GOTOOLCHAIN "1.22.3"' });
    expect(gotoolchainProblem('go1.22.3+latest')).toEqual({ kind: 'invalid', error: 'invalid GOTOOLCHAIN "go1.22.3+latest": only version suffixes are +auto and +path' });
    expect(gotoolchainProblem('1.22+auto')).toEqual({ kind: 'invalid', error: 'invalid GOTOOLCHAIN "1.22+auto": invalid minimum toolchain "1.22"' });
    // Observed: go1.22 does not exist on the module proxy (403, "This module version is not available").
    expect(gotoolchainProblem('go1.22')?.kind).toBe('no-such-release');
    for (const ok of ['auto', 'path', 'local', 'local+auto', 'go1.20', 'go1.20.1', 'go1.27.3', 'go1.27.3+auto', 'go1.22.3-custom', 'go1.23rc1', '']) expect(gotoolchainProblem(ok), ok).toBeUndefined();
  });
});

describe('cpu.* options per release (internal/cpu of each toolchain read)', () => {
  it('exist from the release whose internal/cpu has them', () => {
    // go1.21.0's cpu_x86.go has no AVX-512 options; go1.22.0's does.
    expect(godebugExistsIn('cpu.avx512f', '1.21.5')).toBe(false);
    expect(godebugExistsIn('cpu.avx512f', '1.22.0')).toBe(true);
    expect(godebugExistsIn('cpu.avx2', '1.18')).toBe(true);
    expect(godebugExistsIn('cpu.all', '1.18')).toBe(true);
    // arm64's isZeus went away after 1.19.
    expect(godebugSetting('cpu.isZeus')?.removed).toBe('1.20');
    expect(godebugExistsIn('cpu.isZeus', '1.19')).toBe(true);
    expect(godebugExistsIn('cpu.isZeus', '1.21')).toBe(false);
    for (const tc of GENERATED_TOOLCHAINS) for (const o of tc.cpuOptions) expect(godebugExistsIn(`cpu.${o.name}`, tc.version), `cpu.${o.name} in ${tc.version}`).toBe(true);
  });
});

describe('experiments the platform forces (ParseGOEXPERIMENT after reading GOEXPERIMENT)', () => {
  it('keeps the register ABI on where it is always on, off where unsupported', () => {
    expect(experimentsFor('1.27').find((e) => e.name === 'regabiargs')?.fixed).toBe('on');
    // s390x: supported but not forced in 1.26, forced from 1.27 (go-facts §3.2).
    expect(experimentsFor('1.26', { goarch: 's390x' }).find((e) => e.name === 'regabiargs')?.fixed).toBeUndefined();
    expect(experimentsFor('1.27', { goarch: 's390x' }).find((e) => e.name === 'regabiargs')?.fixed).toBe('on');
    expect(experimentsFor('1.27', { goarch: '386' }).find((e) => e.name === 'regabiwrappers')?.fixed).toBe('off');
    expect(experimentsFor('1.27').find((e) => e.name === 'greenteagc')?.fixed).toBeUndefined();
    // Go 1.18 had no always-on platform yet: GOEXPERIMENT=noregabiargs worked on amd64.
    expect(experimentsFor('1.18').find((e) => e.name === 'regabiargs')).toMatchObject({ defaultOn: true });
    expect(experimentsFor('1.18').find((e) => e.name === 'regabiargs')?.fixed).toBeUndefined();
  });
});

describe('GOTRACEBACK names per release (runtime.setTraceback of each toolchain read)', () => {
  it('has wer from Go 1.21 only, on Windows only', () => {
    for (const tc of GENERATED_TOOLCHAINS) {
      expect(tc.tracebackLevels.filter((l) => l !== 'wer' && l !== '').sort(), tc.version).toEqual([...GOTRACEBACK_LEVEL_NAMES].sort());
      expect(tc.tracebackLevels.includes('wer'), tc.version).toBe(compareGoVersions(tc.version, '1.21') >= 0);
    }
    expect(tracebackLevel('wer', 'windows', '1.20').valid).toBe(false);
    expect(tracebackLevel('wer', 'windows', '1.21').valid).toBe(true);
    expect(tracebackLevel('wer', 'linux', '1.27').valid).toBe(false);
    expect(tracebackLevel('2', 'linux', '1.18').valid).toBe(true);
  });
});
