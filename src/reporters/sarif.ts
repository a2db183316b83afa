// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
// - tool.driver.rules[] from rule metadata: shortDescription, helpUri, defaultConfiguration.level.
// - Regions are exactly the finding's span (1-based lines and columns in UTF-16 code units,
//   endColumn exclusive, as SARIF defines them); a span without lines (a binary, an image layer)
//   gets no region and a logicalLocation instead — never a made-up line 1.
// - Drift's other side is a relatedLocation; the finding's fingerprint a partialFingerprint.
// - Paths are relative to %SRCROOT% (originalUriBaseIds), the repository root, so uploads from
//   any checkout match and a scanned subdirectory's files keep their place in the repository.
// - GitHub's limits (docs "SARIF support for code scanning", "SARIF results exceed limit", "SARIF
//   file is too large"): at most 25,000 results per run, 1,000 locations per result and 10 MB
//   of gzip-compressed SARIF per upload; beyond that snippets go, then the least severe
//   results, and a notification says how many.
// - No `automationDetails`: github/codeql-action's upload-sarif sets automationDetails.id from
//   its `category` input only when the run has none (upload-lib.ts,
//   populateRunAutomationDetails), so a tool-chosen id would override the workflow's category.
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Diagnostic, Finding, Severity, Span } from '../core/types.js';
import { PROJECT_URL, ruleHelpUri } from './links.js';
import { insideFile, repositoryPaths } from './span.js';
import type { Reporter, ReportInput } from './types.js';

export const SARIF_MAX_RESULTS = 25_000;
export const SARIF_MAX_RELATED = 1_000;
/** partialFingerprints key: versioned, as SARIF §3.27.17 recommends. */
export const FINGERPRINT_KEY = 'godrift/v1';
const SRCROOT = '%SRCROOT%';

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/**
 * SARIF's friendly rule name, in Pascal case: `gomaxprocs-container` → `GomaxprocsContainer`.
 * A one-letter word joins the word before it in lower case (`go-env-w-persistent` →
 * `GoEnvwPersistent`): the Multitool's SARIF2012 does not take two capitals in a row as Pascal
 * case.
 */
export function friendlyRuleName(id: string): string {
  const words = id.split('-').filter(Boolean);
  let name = '';
  for (const w of words) name += w.length === 1 && name !== '' ? w : w[0]!.toUpperCase() + w.slice(1);
  // SARIF1001: a name must differ from the id (a one-word id such as `drift` would not).
  return name.toLowerCase() === id.toLowerCase() ? `${name}Check` : name;
}

/** A repository-relative `/` path as a relative URI reference (each segment percent-encoded). */
export function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A SARIF plain-text message: `[text](target)` in one is an embedded link (SARIF 2.1.0 §3.11.6),
 * which viewers such as GitHub code scanning render as a link to a related location or a URI.
 * godrift's messages hold none, so every square bracket — a scanned value's included — is
 * escaped with a backslash, as §3.11.6 prescribes for literal brackets.
 */
function plainText(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

type LineText = ReportInput['lineText'];

/** The span's region, with the spanned text as its snippet when the span is on one line. */
function region(span: Span, lineText: LineText) {
  if (!span.start) return undefined;
  const line = lineText(span.path, span.start.line);
  const snippet =
    line !== undefined && span.end && span.end.line === span.start.line ? { snippet: { text: line.slice(span.start.column - 1, span.end.column - 1) } } : {};
  return {
    startLine: span.start.line,
    startColumn: span.start.column,
    ...(span.end ? { endLine: span.end.line, endColumn: span.end.column } : {}),
    ...snippet,
  };
}

/** The lines around the span (one either side), so viewers without the checkout show context. */
function contextRegion(span: Span, lineText: LineText) {
  if (!span.start) return undefined;
  const lines: string[] = [];
  let first = 0;
  for (let n = Math.max(1, span.start.line - 1); n <= (span.end?.line ?? span.start.line) + 1; n++) {
    const text = lineText(span.path, n);
    if (text === undefined) continue;
    if (lines.length === 0) first = n;
    else if (first + lines.length !== n) break;
    lines.push(text);
  }
  if (lines.length === 0) return undefined;
  return { startLine: first, endLine: first + lines.length - 1, snippet: { text: lines.join('\n') } };
}

/** What locations need besides the span: source lines, and paths from the repository root. */
interface LocationContext {
  lineText: LineText;
  repoPath(path: string): string;
}

function location(span: Span, ctx: LocationContext) {
  const { lineText } = ctx;
  const inside = insideFile(span);
  const r = region(span, lineText);
  const context = r ? contextRegion(span, lineText) : undefined;
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(ctx.repoPath(span.path)), uriBaseId: SRCROOT },
      ...(r ? { region: r } : {}),
      ...(context ? { contextRegion: context } : {}),
    },
    ...(inside.length > 0 ? { logicalLocations: [{ name: inside[inside.length - 1]!, fullyQualifiedName: [ctx.repoPath(span.path), ...inside].join(' › ') }] } : {}),
  };
}

function result(f: Finding, ruleIndex: number, ctx: LocationContext) {
  const related = f.related.slice(0, SARIF_MAX_RELATED - 1);
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.severity,
    message: { text: plainText(`${sentence(f.message)} Fix: ${sentence(f.remediation)}`) },
    locations: [location(f.span, ctx)],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((r, i) => ({
            id: i + 1,
            ...location(r.span, ctx),
            message: { text: plainText(sentence(r.environment ? `${r.environment}: ${r.message}` : r.message)) },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.fix && f.fix.length > 0
      ? {
          fixes: [
            {
              description: { text: plainText(sentence(f.remediation)) },
              artifactChanges: [...new Set(f.fix.map((e) => e.path))].map((path) => ({
                artifactLocation: { uri: uriOf(ctx.repoPath(path)), uriBaseId: SRCROOT },
                replacements: f.fix!.filter((e) => e.path === path).map((e) => ({
                  deletedRegion: { charOffset: e.startOffset, charLength: e.endOffset - e.startOffset },
                  insertedContent: { text: e.text },
                })),
              })),
            },
          ],
        }
      : {}),
    properties: {
      environment: f.environment,
      ...(f.environmentReason ? { environmentReason: f.environmentReason } : {}),
      variable: f.variable,
      ...(f.key !== null ? { key: f.key } : {}),
      messageId: f.messageId,
    },
  };
}

function notification(d: Diagnostic, repoPath: LocationContext['repoPath']) {
  return {
    level: d.severity,
    descriptor: { id: d.code },
    message: { text: plainText(sentence(d.message)) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(repoPath(d.path)), uriBaseId: SRCROOT },
          ...(d.line !== undefined ? { region: { startLine: d.line, ...(d.column !== undefined ? { startColumn: d.column } : {}) } } : {}),
        },
      },
    ],
  };
}

/** How much of the report a SARIF log holds: the most severe `maxResults` findings, with or without source snippets. */
export interface SarifLogOptions {
  maxResults: number;
  snippets: boolean;
  /** Why findings beyond maxResults are left out (the notification's text). */
  truncatedBecause: string;
}

const DEFAULT_OPTIONS: SarifLogOptions = {
  maxResults: SARIF_MAX_RESULTS,
  snippets: true,
  truncatedBecause: `GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} results per run`,
};

export function sarifLog(input: ReportInput, options: SarifLogOptions = DEFAULT_OPTIONS) {
  const rules = [...input.rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const ctx: LocationContext = { lineText: options.snippets ? input.lineText : () => undefined, repoPath: repositoryPaths(input) };
  let findings = input.findings;
  const notifications = input.diagnostics.map((d) => notification(d, ctx.repoPath));
  if (findings.length > options.maxResults) {
    // Keep the most severe, in the reporters' usual order within a severity.
    findings = findings
      .map((f, i) => ({ f, i }))
      .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
      .slice(0, options.maxResults)
      .sort((a, b) => a.i - b.i)
      .map(({ f }) => f);
    notifications.push({
      level: 'warning',
      descriptor: { id: 'results-truncated' },
      message: { text: `${input.findings.length - findings.length} less severe findings were left out: ${options.truncatedBecause}.` },
      locations: [],
    });
  }
  const root = input.repositoryRoot.endsWith('/') ? input.repositoryRoot : `${input.repositoryRoot}/`;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'godrift',
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            informationUri: PROJECT_URL,
            rules: rules.map((r) => ({
              id: r.id,
              name: friendlyRuleName(r.id),
              shortDescription: { text: sentence(r.description) },
              fullDescription: { text: sentence(r.description) },
              helpUri: ruleHelpUri(r.id),
              help: { text: `${sentence(r.description)} See ${ruleHelpUri(r.id)}`, markdown: `${sentence(r.description)} [Rule documentation](${ruleHelpUri(r.id)})` },
              defaultConfiguration: { level: r.defaultSeverity },
              properties: {
                tags: ['go', r.category],
                precision: 'high',
                'problem.severity': r.defaultSeverity === 'note' ? 'recommendation' : r.defaultSeverity,
              },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, ruleIndex.get(f.ruleId) ?? -1, ctx)),
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        properties: {
          suppressed: input.suppressedCount,
          baselined: input.baselinedCount,
          filesRead: input.filesRead,
          filesSeen: input.filesSeen,
        },
      },
    ],
  };
}

/** GitHub code scanning rejects an upload whose gzip-compressed SARIF exceeds 10 MB. */
export const SARIF_MAX_GZIP_BYTES = 10_000_000;

function serialize(log: ReturnType<typeof sarifLog>): string {
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * The SARIF text, kept under GitHub's upload limit: when it compresses to more than
 * `maxGzipBytes`, source snippets go first; then the least severe results, with a
 * `results-truncated` notification. (upload-sarif gzips the file itself.)
 */
export function sarifText(input: ReportInput, maxGzipBytes = SARIF_MAX_GZIP_BYTES): string {
  const fits = (text: string) => Buffer.byteLength(text) <= maxGzipBytes || gzipSync(text).length <= maxGzipBytes;
  let text = serialize(sarifLog(input));
  if (fits(text)) return text;
  const truncatedBecause = `GitHub code scanning accepts at most ${maxGzipBytes / 1_000_000} MB of gzip-compressed SARIF per upload`;
  let options: SarifLogOptions = { ...DEFAULT_OPTIONS, snippets: false, truncatedBecause };
  text = serialize(sarifLog(input, options));
  while (!fits(text) && options.maxResults > 0) {
    const kept = Math.min(options.maxResults, input.findings.length);
    const ratio = maxGzipBytes / gzipSync(text).length;
    options = { ...options, maxResults: Math.max(0, Math.min(kept - 1, Math.floor(kept * ratio * 0.9))) };
    text = serialize(sarifLog(input, options));
  }
  return text;
}

export const sarifReporter: Reporter = (input) => sarifText(input);
