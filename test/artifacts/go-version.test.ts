// runtime.Version() as the linker writes it into runtime.buildVersion and the build info's first
// line ($GOROOT/src/cmd/link/internal/ld/main.go): the experiment suffix is " X:…" up to Go 1.25
// and "-X:…" from Go 1.26 (go.dev/issue/75953), except that a version already holding a hyphen
// (devel builds, vendor builds) keeps the space. The strings below are ones real binaries carry:
// the fixtures (go-fixtures.mjs), Google Cloud SDK binaries, and Go's own devel format.
import { describe, expect, it } from 'vitest';
import { splitGoVersion } from '../../src/artifacts/buildinfo/index.js';

describe('splitGoVersion', () => {
  it('releases, with and without the experiment suffix in both forms', () => {
    expect(splitGoVersion('go1.26.8')).toEqual({ release: 'go1.26.8', experiments: [], devel: false });
    expect(splitGoVersion('go1.26.8-X:jsonv2')).toEqual({ release: 'go1.26.8', experiments: ['jsonv2'], devel: false });
    expect(splitGoVersion('go1.27.3-X:nogreenteagc')).toEqual({ release: 'go1.27.3', experiments: ['nogreenteagc'], devel: false });
    expect(splitGoVersion('go1.26.3-X:jsonv2,nogreenteagc')).toEqual({ release: 'go1.26.3', experiments: ['jsonv2', 'nogreenteagc'], devel: false });
    expect(splitGoVersion('go1.23.1 X:nocoverageredesign')).toEqual({ release: 'go1.23.1', experiments: ['nocoverageredesign'], devel: false });
    expect(splitGoVersion('go1.21.13 X:arenas')).toEqual({ release: 'go1.21.13', experiments: ['arenas'], devel: false });
    expect(splitGoVersion('go1.22rc1')).toEqual({ release: 'go1.22rc1', experiments: [], devel: false });
  });

  it('vendor and devel versions: the release is the go1.N inside, the suffix keeps its space', () => {
    expect(splitGoVersion('go1.25-20250209-RC00 cl/724970549 +ff27d270c9 X:fieldtrack,boringcrypto')).toEqual({ release: 'go1.25', experiments: ['fieldtrack', 'boringcrypto'], devel: false });
    expect(splitGoVersion('devel go1.27-3c0b0b1f5e Tue Oct 14 09:12:03 2025 -0700')).toEqual({ release: 'go1.27', experiments: [], devel: true });
    expect(splitGoVersion('devel go1.27-3c0b0b1f5e Tue Oct 14 09:12:03 2025 -0700 X:jsonv2')).toEqual({ release: 'go1.27', experiments: ['jsonv2'], devel: true });
    // Old devel builds name no release at all: the whole string stands in for it.
    expect(splitGoVersion('devel +abcdef')).toEqual({ release: 'devel +abcdef', experiments: [], devel: true });
  });
});
