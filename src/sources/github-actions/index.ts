// GitHub Actions extractor, wired to the shared shell extractor. See ./extract.ts and README.md.
import { extractShell } from '../shell/index.js';
import { createGithubActionsExtractor } from './extract.js';

export { createGithubActionsExtractor, isGithubActionsPath } from './extract.js';

/** Workflows (.github/workflows/*.yml) and actions (action.yml): env, run: scripts, setup-go. */
export const githubActionsExtractor = createGithubActionsExtractor(extractShell);
