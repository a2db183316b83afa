import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { createKustomizeExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
// Goldens describe godrift's own resolution: never run a binary for them.
const withoutBinary = createKustomizeExtractor({ kustomize: null });

describeFactsGoldens('kustomize extractor fixtures (no kustomize binary)', fixtures, withoutBinary);
