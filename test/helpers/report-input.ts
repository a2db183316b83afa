// One fixed set of findings for the reporter goldens (test/golden/reporters/): drift with the
// other side, a hazard whose value is hostile (markup, quotes, an ANSI escape, workflow-command
// and Markdown punctuation), a binary finding with a logical span and no lines, a note with a
// fix, a file problem, and a matrix. Rule metadata is fixed here too, so adding a rule to
// godrift does not churn the goldens.
import type { Finding } from '../../src/core/types.js';
import type { Matrix } from '../../src/resolve/matrix.js';
import type { ReportInput } from '../../src/reporters/types.js';
import type { RuleMeta } from '../../src/rules/types.js';

const FILES: Record<string, string> = {
  'deploy/production/api.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          env:',
    '            - name: GODEBUG',
    '              value: "panicnil=1,tlsrsakex=1"',
    '            - name: GOTRACEBACK',
    '              value: "<script>alert(1)</script>\\"x\\"\u001b[31m%,:"',
  ].join('\n'),
  '.github/workflows/ci.yml': ['name: ci', 'on: push', 'env:', '  GODEBUG: tlsrsakex=0', 'jobs: {}'].join('\n'),
  'Dockerfile': ['FROM golang:1.24 AS build', 'FROM scratch', 'ENV GOGC=off'].join('\n'),
};

const HOSTILE = '<script>alert(1)</script>"x"\u001b[31m%,:';

function span(path: string, line: number, column: number, length: number) {
  const before = FILES[path]!.split('\n').slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
  return { path, start: { line, column, offset: before + column - 1 }, end: { line, column: column + length, offset: before + column - 1 + length } };
}

export const FIXED_RULES: RuleMeta[] = [
  { id: 'drift', description: 'A Go setting differs between test and production.', category: 'drift', defaultSeverity: 'error', fixable: false, messages: {} },
  { id: 'gogc-off-without-memlimit', description: 'GOGC=off with no GOMEMLIMIT.', category: 'production-hazard', defaultSeverity: 'error', fixable: true, messages: {} },
  { id: 'prod-traceback', description: 'GOTRACEBACK in production hides the stack traces of a crash.', category: 'production-hazard', defaultSeverity: 'warning', fixable: false, messages: {} },
  { id: 'binary-goexperiment', description: 'A binary was built with a GOEXPERIMENT that production does not expect.', category: 'drift', defaultSeverity: 'warning', fixable: false, messages: {} },
];

export const FIXED_FINDINGS: Finding[] = [
  {
    ruleId: 'drift',
    messageId: 'differs',
    severity: 'error',
    message: 'GODEBUG "tlsrsakex" is "1" in production but "0" in test, so the tests do not exercise what runs in production',
    variable: 'GODEBUG',
    key: 'tlsrsakex',
    environment: 'production',
    environmentReason: 'path contains "production"',
    span: span('deploy/production/api.yaml', 10, 34, 11),
    related: [{ span: span('.github/workflows/ci.yml', 4, 12, 11), environment: 'test', message: 'test sets "0" here' }],
    remediation: 'use the same value in both environments',
    docsUrl: 'src/rules/drift/README.md',
    fingerprint: '0123456789abcdef0123456789abcdef',
  },
  {
    ruleId: 'prod-traceback',
    messageId: 'unrecognised',
    severity: 'warning',
    message: `GOTRACEBACK="${HOSTILE}" is not a level Go recognises, so a crash prints no stacks at all`,
    variable: 'GOTRACEBACK',
    key: null,
    environment: 'production',
    environmentReason: 'path contains "production"',
    span: span('deploy/production/api.yaml', 12, 22, 43),
    related: [],
    remediation: 'use one of none, single, all, system, crash; @octocat | `x` *y* [z](w)',
    docsUrl: 'src/rules/prod-traceback/README.md',
    fingerprint: 'fedcba9876543210fedcba9876543210',
  },
  {
    ruleId: 'binary-goexperiment',
    messageId: 'unexpected',
    severity: 'warning',
    message: 'the binary was built with GOEXPERIMENT "rangefunc", which production does not set',
    variable: 'GOEXPERIMENT',
    key: 'rangefunc',
    environment: 'production',
    // As the artifact reader writes it: the logical path starts with the file itself.
    span: { path: 'images/api.tar', logical: ['images/api.tar', 'layer sha256:4f2a', '/usr/bin/api', 'build info', 'GOEXPERIMENT'] },
    related: [],
    remediation: 'rebuild without the experiment or set it in the production build too',
    fingerprint: '00112233445566778899aabbccddeeff',
  },
  {
    ruleId: 'gogc-off-without-memlimit',
    messageId: 'noLimit',
    severity: 'note',
    message: 'GOGC="off" with no GOMEMLIMIT: memory is never reclaimed',
    variable: 'GOGC',
    key: null,
    environment: 'production',
    environmentReason: 'final stage of the Dockerfile',
    span: span('Dockerfile', 3, 10, 3),
    related: [],
    remediation: 'set GOMEMLIMIT next to GOGC=off',
    fix: [{ path: 'Dockerfile', startOffset: 47, endOffset: 50, text: '100' }],
    fingerprint: 'ffeeddccbbaa99887766554433221100',
  },
];

export const FIXED_MATRIX: Matrix = {
  environments: ['production', 'test'],
  rows: [
    {
      target: '.',
      variable: 'GODEBUG',
      key: 'tlsrsakex',
      drift: true,
      cells: {
        production: [{ value: '1', literal: true, path: 'deploy/production/api.yaml', line: 10, column: 34, origin: 'k8s-env' }],
        test: [{ value: '0', literal: true, path: '.github/workflows/ci.yml', line: 4, column: 12, origin: 'actions-env' }],
      },
    },
    {
      target: '.',
      variable: 'GOTRACEBACK',
      key: null,
      drift: false,
      cells: {
        production: [{ value: HOSTILE, literal: true, path: 'deploy/production/api.yaml', line: 12, column: 22, origin: 'k8s-env' }],
        test: [{ value: '${{ vars.TB }}', literal: false, path: '.github/workflows/ci.yml', line: 5, column: 3, origin: 'actions-env' }],
      },
    },
    {
      // Set to the empty string in test (no experiments), not set in production: `""` versus `–`.
      target: '.',
      variable: 'GOEXPERIMENT',
      key: null,
      drift: false,
      cells: {
        test: [{ value: '', literal: true, path: '.github/workflows/ci.yml', line: 4, column: 3, origin: 'actions-env' }],
      },
    },
  ],
};

export function fixedReportInput(): ReportInput {
  return {
    findings: FIXED_FINDINGS,
    diagnostics: [{ path: 'deploy/chart/templates/broken.yaml', line: 4, column: 13, severity: 'error', code: 'render-failed', message: 'helm template failed: <nil pointer> at "values.x"' }],
    suppressedCount: 1,
    baselinedCount: 2,
    filesRead: 12,
    filesSeen: 20,
    elapsedMs: 85,
    lineText: (path, line) => FILES[path]?.split('\n')[line - 1],
    color: false,
    toolVersion: '0.1.0',
    rules: FIXED_RULES,
    matrix: () => FIXED_MATRIX,
    root: '/home/ci/repo',
    repositoryRoot: '/home/ci/repo',
    failOn: 'warning',
  };
}
