// Stable finding fingerprints for baselines and SARIF partialFingerprints: they depend on what
// is wrong and where (file, setting, environment), not on line numbers or wording.
import { createHash } from 'node:crypto';

export function fingerprint(parts: ReadonlyArray<string | null | undefined>): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 32);
}
