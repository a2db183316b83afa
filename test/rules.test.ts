// Runs every rule fixture (src/rules/<id>/fixtures/<case>/expected.txt).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectRuleFixture } from './helpers/rule-fixtures.js';

const rulesDir = join(import.meta.dirname, '..', 'src', 'rules');

for (const id of readdirSync(rulesDir).filter((n) => statSync(join(rulesDir, n)).isDirectory()).sort()) {
  const fixtures = join(rulesDir, id, 'fixtures');
  let cases: string[] = [];
  try {
    cases = readdirSync(fixtures).filter((n) => statSync(join(fixtures, n)).isDirectory()).sort();
  } catch {
    // registry.test.ts fails for a rule without fixtures.
  }
  describe(`rule ${id}`, () => {
    for (const c of cases) it(c, () => expectRuleFixture(join(fixtures, c), id));
  });
}
