// One env file can be read by two extractors: as a `.env` file of its own and as the
// `env_file` of a compose service or the `EnvironmentFile=` of a systemd unit. The referencing
// extractor knows more (service scope, environment), so its facts are kept.
import type { Observation } from '../core/types.js';

const REFERENCING = new Set(['compose-env-file', 'systemd-env-file']);

export function dropShadowedDotenvFacts(observations: Observation[]): Observation[] {
  const referenced = new Set(
    observations.filter((o) => REFERENCING.has(o.origin)).map((o) => `${o.span.path}\u0000${o.span.start?.offset ?? -1}\u0000${o.variable}\u0000${o.key ?? ''}`),
  );
  if (referenced.size === 0) return observations;
  return observations.filter(
    (o) => o.origin !== 'dotenv' || !referenced.has(`${o.span.path}\u0000${o.span.start?.offset ?? -1}\u0000${o.variable}\u0000${o.key ?? ''}`),
  );
}
