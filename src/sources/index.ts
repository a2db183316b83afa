// The extractor registry: one entry per folder of src/sources/ (checked by test/registry.test.ts).
import { composeExtractor } from './compose/index.js';
import { dockerfileExtractor } from './dockerfile/index.js';
import { dotenvExtractor } from './dotenv/index.js';
import { githubActionsExtractor } from './github-actions/index.js';
import { gitlabCiExtractor } from './gitlab-ci/index.js';
import { goSourceExtractor } from './gosource/index.js';
import { gomodExtractor } from './gomod/index.js';
import { helmExtractor } from './helm/index.js';
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
