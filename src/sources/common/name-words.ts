// Job, step and stage names read as words, for guessing what a CI job is for (github-actions,
// gitlab-ci).

/**
 * Words of an identifier or display name, lower-cased: `integration-test`, `IntegrationTest`,
 * `Lint & Vet` → [integration, test] / [lint, vet].
 */
export function nameWords(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}
