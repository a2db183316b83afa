// The JSON reporter. Its shape is documented in docs/output.md and versioned by schemaVersion:
// fields are only ever added within a version.
import type { Finding, RelatedLocation, Span } from '../core/types.js';
import type { Reporter } from './types.js';

export const JSON_SCHEMA_VERSION = 1;

function jsonLocation(span: Span) {
  return {
    path: span.path,
    line: span.start?.line ?? null,
    column: span.start?.column ?? null,
    endLine: span.end?.line ?? null,
    endColumn: span.end?.column ?? null,
    ...(span.logical ? { logical: span.logical } : {}),
  };
}

function jsonRelated(r: RelatedLocation) {
  return { ...jsonLocation(r.span), environment: r.environment ?? null, message: r.message };
}

export function jsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    variable: f.variable,
    key: f.key,
    environment: f.environment,
    environmentReason: f.environmentReason ?? null,
    location: jsonLocation(f.span),
    related: f.related.map(jsonRelated),
    remediation: f.remediation,
    docsUrl: f.docsUrl ?? null,
    fingerprint: f.fingerprint,
  };
}

export const jsonReporter: Reporter = (input) =>
  JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: 'godrift', version: input.toolVersion },
      findings: input.findings.map(jsonFinding),
      diagnostics: input.diagnostics.map((d) => ({
        path: d.path,
        line: d.line ?? null,
        column: d.column ?? null,
        severity: d.severity,
        code: d.code,
        message: d.message,
      })),
      summary: {
        errors: input.findings.filter((f) => f.severity === 'error').length,
        warnings: input.findings.filter((f) => f.severity === 'warning').length,
        notes: input.findings.filter((f) => f.severity === 'note').length,
        suppressed: input.suppressedCount,
        baselined: input.baselinedCount,
        filesRead: input.filesRead,
        filesSeen: input.filesSeen,
        elapsedMs: Math.round(input.elapsedMs),
      },
    },
    null,
    2,
  ) + '\n';
