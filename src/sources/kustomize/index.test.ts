import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFactsGolden, fixtureDirs } from '../../../test/helpers/facts-golden.js';
import { createKustomizeExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
// Goldens describe godrift's own resolution: never run a binary for them.
const withoutBinary = createKustomizeExtractor({ kustomize: null });

describe('kustomize extractor fixtures (no kustomize binary)', () => {
  for (const dir of fixtureDirs(fixtures)) {
    it(dir.split('/').pop()!, async () => {
      await expectFactsGolden(withoutBinary, dir);
    });
  }
});
