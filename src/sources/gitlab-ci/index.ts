// GitLab CI extractor, wired to the shared shell extractor. See ./extract.ts and README.md.
import { extractShell } from '../shell/index.js';
import { createGitlabCiExtractor } from './extract.js';

export { createGitlabCiExtractor, isGitlabCiPath } from './extract.js';

/** .gitlab-ci.yml, *.gitlab-ci.yml and their local includes: variables, scripts, golang images. */
export const gitlabCiExtractor = createGitlabCiExtractor(extractShell);
