// Environment assignment: every observation gets an environment and the reason, as one
// explainable step (`godrift envs` prints the reasons). Order of evidence, strongest first:
//   1. godrift.yaml `environments` globs;
//   2. facts built into the program (go.mod godebug, //go:debug in main packages, runtime calls)
//      apply to every environment;
//   3. the variant a format declares (Helm values file, Kustomize overlay, .env suffix) and names
//      in the fact's scope (GitHub deployment environment, job, Makefile target, compose);
//   4. words in the path (overlays/production, deploy/staging, …);
//   5. the kind of source (CI = test, compose = dev, final Dockerfile stage = the image that runs).
// This layer never looks at values.
import { globMatcher } from '../core/glob.js';
import type { Config } from '../config/schema.js';
import type { EnvironmentAssignment, EnvironmentName, Observation } from '../core/types.js';

/** Words that name an environment, matched as whole words (split on non-alphanumerics). */
const ENVIRONMENT_WORDS: ReadonlyArray<[EnvironmentName, readonly string[]]> = [
  ['production', ['production', 'prod', 'prd', 'live', 'release', 'deploy-prod']],
  ['staging', ['staging', 'stage', 'stg', 'preprod', 'pre-prod', 'uat', 'qa']],
  ['test', ['test', 'tests', 'testing', 'ci', 'e2e', 'integration', 'check', 'lint', 'unit']],
  ['dev', ['dev', 'development', 'local', 'devel', 'sandbox']],
];

/** The environment a single word names, if any. */
export function environmentOfWord(word: string): EnvironmentName | undefined {
  const w = word.toLowerCase();
  for (const [env, words] of ENVIRONMENT_WORDS) if (words.includes(w)) return env;
  return undefined;
}

/** The environment named by any word of `text` ("values-production.yaml" → production). */
export function environmentInText(text: string): { env: EnvironmentName; word: string } | undefined {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  // Prefer the last word that names an environment: "deploy/test-tools/prod" is prod.
  for (let i = words.length - 1; i >= 0; i--) {
    const env = environmentOfWord(words[i]!);
    if (env) return { env, word: words[i]! };
  }
  return undefined;
}

const PROGRAM_WIDE_ORIGINS = new Set(['gomod-go', 'gomod-toolchain', 'gomod-godebug', 'gowork-go', 'gowork-toolchain', 'gowork-godebug']);

export interface EnvironmentMatcher {
  assign(o: Observation): EnvironmentAssignment;
}

/** Builds the assignment function for one configuration. */
export function environmentMatcher(config: Config): EnvironmentMatcher {
  const declared: Array<[EnvironmentName, string, (p: string) => boolean]> = [];
  for (const [env, globs] of Object.entries(config.environments)) {
    for (const glob of globs ?? []) declared.push([env as EnvironmentName, glob, globMatcher(glob, { dot: true })]);
  }
  return {
    assign(o: Observation): EnvironmentAssignment {
      const path = o.span.path;
      for (const [env, glob, match] of declared) {
        if (match(path)) return { name: env, reason: `declared in godrift.yaml: ${path} matches "${glob}"` };
      }
      return infer(o);
    },
  };
}

function isTestGoFile(path: string): boolean {
  return path.endsWith('_test.go');
}

function infer(o: Observation): EnvironmentAssignment {
  const path = o.span.path;
  // Facts built into the binary apply wherever it runs.
  if (PROGRAM_WIDE_ORIGINS.has(o.origin)) {
    return { name: 'unknown', programWide: true, reason: 'go.mod/go.work settings are built into every binary of the module' };
  }
  if (o.origin === 'go-debug-directive' || o.origin === 'go-runtime-call') {
    if (isTestGoFile(path)) return { name: 'test', reason: '_test.go files only build into the test binary' };
    return { name: 'unknown', programWide: true, reason: 'set in the program\'s own source, so it applies in every environment' };
  }
  if (o.variant) {
    const hit = environmentInText(o.variant);
    if (hit) return { name: hit.env, reason: `${variantNoun(o)} "${o.variant}" names ${hit.env}` };
  }
  for (const level of o.scope) {
    if (level.kind === 'deployment-environment') {
      const hit = environmentInText(level.name);
      if (hit) return { name: hit.env, reason: `job deploys to the "${level.name}" environment` };
    }
  }
  for (const level of o.scope) {
    if (level.kind === 'job' || level.kind === 'target' || level.kind === 'overlay' || level.kind === 'workflow') {
      const hit = environmentInText(level.name);
      if (hit) return { name: hit.env, reason: `${level.kind} "${level.name}" names ${hit.env}` };
    }
  }
  const inPath = environmentInText(path.replace(/\.(ya?ml|json|env|sh|mk|service)$/i, ''));
  if (inPath) return { name: inPath.env, reason: `path contains "${inPath.word}"` };
  return bySourceKind(o);
}

function variantNoun(o: Observation): string {
  if (o.origin.startsWith('helm')) return 'values file';
  if (o.origin.startsWith('kustomize') || o.scope.some((s) => s.kind === 'overlay')) return 'overlay';
  return 'variant';
}

function bySourceKind(o: Observation): EnvironmentAssignment {
  switch (o.origin) {
    case 'actions-env':
    case 'actions-run':
    case 'actions-setup-go':
    case 'gitlab-variables':
    case 'gitlab-script':
      return { name: 'test', reason: 'CI pipelines run the tests' };
    case 'compose-env':
    case 'compose-env-file':
      return { name: 'dev', reason: 'compose files run services on developer machines' };
    case 'dotenv':
      return { name: 'dev', reason: '.env files without an environment suffix are for local runs' };
    case 'dockerfile-env':
    case 'dockerfile-arg':
    case 'dockerfile-run':
    case 'dockerfile-from':
      return o.scope.some((s) => s.kind === 'image' && s.name === 'final')
        ? { name: 'production', reason: 'final stage of the Dockerfile: the image that runs' }
        : { name: 'production', reason: 'build stage of the Dockerfile that produces the shipped image' };
    case 'k8s-env':
    case 'k8s-envfrom':
    case 'k8s-resources':
    case 'kustomize-patch':
    case 'kustomize-configmap':
    case 'helm-values':
    case 'helm-template':
      return { name: 'production', reason: 'deployment manifest with no other environment named: taken as what is deployed' };
    case 'systemd-env':
    case 'systemd-env-file':
      return { name: 'production', reason: 'systemd unit: how the service runs on a host' };
    case 'binary-buildinfo':
    case 'image-config-env':
      return { name: 'production', reason: 'built artifact: what ships' };
    case 'make-assign':
    case 'make-export':
    case 'make-recipe':
    case 'shell-export':
    case 'shell-assign':
    case 'shell-env-command':
    case 'shell-go-env-w':
      if (o.phase === 'test') return { name: 'test', reason: 'runs `go test`' };
      return { name: 'unknown', reason: 'script or Makefile with no environment named in its path, target or function' };
    default:
      if (o.phase === 'test') return { name: 'test', reason: 'applies to `go test`' };
      return { name: 'unknown', reason: 'no environment named in the path or context' };
  }
}

/** Assigns every observation in place and returns them. */
export function assignEnvironments(observations: Observation[], config: Config): Observation[] {
  const matcher = environmentMatcher(config);
  for (const o of observations) o.environment = matcher.assign(o);
  return observations;
}
