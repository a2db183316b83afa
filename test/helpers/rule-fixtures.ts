// Rule fixtures: each folder under src/rules/<id>/fixtures/<case>/ is a small project with an
// `expected.txt` listing the findings of that rule, one per line, in the text reporter's plain
// form `path:line:col: message [rule-id]`; a line `/regex/` matches a finding line by pattern
// (actionlint's testdata style). An empty expected.txt means the case must be clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mergeConfig, findConfigFile, loadConfigFile } from '../../src/config/load.js';
import { scan } from '../../src/cli/scan.js';
import { RULE_IDS } from '../../src/rules/index.js';
import type { Finding } from '../../src/core/types.js';

export function plainLine(f: Finding): string {
  const at = f.span.start ? `${f.span.path}:${f.span.start.line}:${f.span.start.column}` : f.span.path;
  return `${at}: ${f.message} [${f.ruleId}]`;
}

export async function findingsFor(dir: string, ruleId?: string): Promise<Finding[]> {
  const file = findConfigFile(dir);
  const config = mergeConfig(file ? loadConfigFile(file, RULE_IDS) : {});
  const result = await scan({ root: dir, config, inlineIgnores: true });
  return result.findings.filter((f) => ruleId === undefined || f.ruleId === ruleId);
}

/** Compares a rule's findings on a fixture folder with its expected.txt. */
export async function expectRuleFixture(dir: string, ruleId: string): Promise<void> {
  const expected = readFileSync(join(dir, 'expected.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const actual = (await findingsFor(dir, ruleId)).map(plainLine);
  expect(actual.length, `findings of ${ruleId} in ${dir}:\n${actual.join('\n')}`).toBe(expected.length);
  expected.forEach((line, i) => {
    const got = actual[i]!;
    if (line.startsWith('/') && line.endsWith('/') && line.length > 1) expect(got).toMatch(new RegExp(line.slice(1, -1)));
    else expect(got).toBe(line);
  });
}
