// The extractor registry: one entry per folder of src/sources/ (checked by test/registry.test.ts).
import { composeExtractor } from './compose/index.js';
import { dockerfileExtractor } from './dockerfile/index.js';
import { dotenvExtractor } from './dotenv/index.js';
import { githubActionsExtractor } from './github-actions/index.js';
import { gitlabCiExtractor } from './gitlab-ci/index.js';
import { goSourceExtractor } from './gosource/index.js';
import { gomodExtractor } from './gomod/index.js';
import { createHelmExtractor, helmExtractor } from './helm/index.js';
import { kubernetesExtractor } from './kubernetes/index.js';
import { kustomizeExtractor } from './kustomize/index.js';
import { makefileExtractor } from './makefile/index.js';
import { shellScriptExtractor } from './shell/index.js';
import { systemdExtractor } from './systemd/index.js';
import type { Extractor } from './types.js';

export const EXTRACTORS: readonly Extractor[] = [
  dockerfileExtractor,
  kubernetesExtractor,
  kustomizeExtractor,
  helmExtractor,
  composeExtractor,
  githubActionsExtractor,
  gitlabCiExtractor,
  makefileExtractor,
  shellScriptExtractor,
  dotenvExtractor,
  systemdExtractor,
  gomodExtractor,
  goSourceExtractor,
];

/** Options the CLI passes to extractors. */
export interface ExtractorOptions {
  /** Extra Helm values files (repository-relative), from --values. */
  valuesFiles?: readonly string[];
}

/** The registry with the CLI's options applied. */
export function extractorsFor(options: ExtractorOptions): readonly Extractor[] {
  if (!options.valuesFiles || options.valuesFiles.length === 0) return EXTRACTORS;
  const helm = createHelmExtractor({ valuesFiles: options.valuesFiles });
  return EXTRACTORS.map((e) => (e === helmExtractor ? helm : e));
}
