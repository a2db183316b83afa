// Where godrift's documentation lives on the web, for formats that need absolute links (SARIF
// `helpUri`, `informationUri`; HTML and Markdown rule links). One constant: change it here when
// the project's home moves.
export const PROJECT_URL = 'https://github.com/godrift/godrift';

/** The rule's doc page (its README.md in the repository). */
export function ruleHelpUri(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/src/rules/${ruleId}/README.md`;
}
