import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFactsGolden, fixtureDirs } from '../../../test/helpers/facts-golden.js';
import { kubernetesExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('kubernetes extractor fixtures', () => {
  for (const dir of fixtureDirs(fixtures)) {
    it(dir.split('/').pop()!, async () => {
      await expectFactsGolden(kubernetesExtractor, dir);
    });
  }
});
