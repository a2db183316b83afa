// Core types shared by every layer. Pure data: no I/O, no policy.

/**
 * A point in a text file.
 * - `line`: 1-based line number.
 * - `column`: 1-based column, counted in UTF-16 code units (what editors and SARIF use).
 * - `offset`: 0-based offset in UTF-16 code units from the start of the file.
 */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/**
 * Where a fact or finding sits.
 * Text files: `start` inclusive, `end` exclusive, both as {@link Position}.
 * Binaries and image layers have no lines: they carry `logical` (a path of names such as
 * `["image.tar", "layer sha256:…", "/usr/bin/app", "build info", "GOEXPERIMENT"]`) and no
 * positions. A span never pretends to be "line 1".
 */
export interface Span {
  /** Repository-relative path with `/` separators. */
  path: string;
  start?: Position;
  end?: Position;
  logical?: string[];
}

/** The Go settings godrift tracks, plus context facts that rules need to judge them. */
export type SettingVariable = string;

/**
 * Context facts are emitted as observations with these reserved variable names. They are not
 * environment variables; they tell the rules what a setting is judged against.
 */
export const CONTEXT_VARIABLES = {
  /** go.mod / go.work `go` line; value is the version (`1.22`, `1.23.4`). */
  goLine: '@go',
  /** go.mod / go.work `toolchain` line; value like `go1.26.3`. */
  toolchainLine: '@toolchain',
  /** A Go toolchain that builds the program: `FROM golang:<tag>`, `actions/setup-go`. Value: version or tag. */
  buildToolchain: '@build-toolchain',
  /** Container resource limits/requests (Kubernetes quantities as written). */
  limitsMemory: '@limits.memory',
  limitsCpu: '@limits.cpu',
  requestsMemory: '@requests.memory',
  requestsCpu: '@requests.cpu',
  /**
   * A Dockerfile stage that holds a Go toolchain without being `FROM golang` (it copies one in,
   * puts `$GOROOT/bin` on PATH, or runs go commands). Value: the evidence, in words.
   */
  toolchainImage: '@toolchain-image',
  /** A container/unit that runs in an environment with none of the above set (marks it as a run context). */
  container: '@container',
} as const;

/** How a value was obtained when it is not a plain literal. */
export type ValueRef =
  | { kind: 'resourceField'; resource: string; divisor?: string; containerName?: string }
  | { kind: 'configMap'; name: string; key: string; optional?: boolean }
  | { kind: 'secret'; name: string; key: string }
  | { kind: 'field'; fieldPath: string }
  | { kind: 'file'; path: string };

/** The value of an observation. */
export interface ObservedValue {
  /** The value Go would see, when `literal`; otherwise the unresolved expression as written. */
  text: string;
  /**
   * False when the value depends on something godrift cannot resolve statically
   * (`${{ vars.X }}`, `$(VAR)`, `{{ .Values.x }}`, `$HOME`, a Secret). Rules never judge a
   * non-literal value as if it were literal.
   */
  literal: boolean;
  /** Set for Kubernetes `valueFrom` and similar indirections. */
  ref?: ValueRef;
  /**
   * Set on a GODEBUG field written without `=` (`GODEBUG=gctrace=1,scheddetail`): Go skips such a
   * field (runtime/runtime1.go parsegodebug, internal/godebug), so `text` is empty and nothing
   * applies. Kept so rules can say the field does nothing instead of quoting a value never written.
   */
  noEquals?: true;
}

/** The kind of source construct an observation came from. Stable strings: used in JSON and docs. */
export type Origin =
  | 'dockerfile-env'
  | 'dockerfile-arg'
  | 'dockerfile-run'
  | 'dockerfile-from'
  | 'k8s-env'
  | 'k8s-envfrom'
  | 'k8s-resources'
  | 'kustomize-patch'
  | 'kustomize-configmap'
  | 'helm-values'
  | 'helm-template'
  | 'compose-env'
  | 'compose-env-file'
  | 'actions-env'
  | 'actions-run'
  | 'actions-setup-go'
  | 'gitlab-variables'
  | 'gitlab-script'
  | 'make-assign'
  | 'make-export'
  | 'make-recipe'
  | 'shell-export'
  | 'shell-assign'
  | 'shell-env-command'
  | 'shell-go-env-w'
  | 'dotenv'
  | 'systemd-env'
  | 'systemd-env-file'
  | 'gomod-go'
  | 'gomod-toolchain'
  | 'gomod-godebug'
  | 'gowork-go'
  | 'gowork-toolchain'
  | 'gowork-godebug'
  | 'go-debug-directive'
  | 'go-runtime-call'
  | 'binary-buildinfo'
  | 'image-config-env';

/** When in a program's life the setting applies. */
export type Phase = 'build' | 'test' | 'run';

/** One level of nesting inside a source file. */
export interface ScopeLevel {
  /** e.g. `stage`, `workflow`, `job`, `step`, `workload`, `container`, `service`, `target`, `unit`. */
  kind: string;
  name: string;
}

/**
 * One fact: a setting made somewhere. `GODEBUG=a=1,b=0` yields two observations, one per key,
 * each with the span of its own `key=value` item.
 */
export interface Observation {
  /** `GODEBUG`, `GOEXPERIMENT`, `GOTRACEBACK`, `GOGC`, … or a context variable (`@go`, `@limits.memory`). */
  variable: SettingVariable;
  /** GODEBUG key or GOEXPERIMENT name; null for whole-value variables. */
  key: string | null;
  value: ObservedValue;
  /** Span of the value (for a GODEBUG key: of its `key=value` item). */
  span: Span;
  origin: Origin;
  /** Nesting inside the file, outermost first (`[{kind:'job',name:'test'},{kind:'step',name:'2'}]`). */
  scope: ScopeLevel[];
  phase: Phase;
  /** Go version in force at this place when the source says so (e.g. `FROM golang:1.22`). */
  goVersion?: string;
  /**
   * Set by extractors whose format has overlays (Helm values file, Kustomize overlay): the name of
   * the variant this value belongs to, used for environment inference.
   */
  variant?: string;
  /**
   * Set when the fact reaches this scope by inheritance rather than being written in it: a
   * Dockerfile stage `FROM <earlier stage>` inherits that stage's ENV (the span stays the
   * parent's). Holds the name of the scope it was written in.
   */
  inheritedFrom?: string;
  /** Set by environment assignment. */
  environment?: EnvironmentAssignment;
  /** Which program this belongs to (set by target assignment; default: the repository). */
  target?: string;
}

export type EnvironmentName = 'production' | 'staging' | 'test' | 'dev' | 'unknown';

export interface EnvironmentAssignment {
  name: EnvironmentName;
  /** One sentence: why (e.g. `path contains overlays/production`). */
  reason: string;
  /**
   * True for facts built into the program itself (go.mod `godebug`, `//go:debug` in a main
   * package, runtime calls): they apply in every environment, and `name` is `unknown`.
   */
  programWide?: boolean;
}

/** A file that could not be read or parsed, or a part of it that was skipped. */
export interface Diagnostic {
  path: string;
  /** 1-based; omitted when the problem is not at a position (unreadable file). */
  line?: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning' | 'note';
  /** Short machine id, e.g. `parse-error`, `too-large`, `binary-file`, `render-failed`. */
  code: string;
}

export type Severity = 'error' | 'warning' | 'note';

/** A text edit for an autofix: replace [start,end) offsets of `path` with `text`. */
export interface TextEdit {
  path: string;
  startOffset: number;
  endOffset: number;
  text: string;
}

export interface RelatedLocation {
  span: Span;
  environment?: EnvironmentName;
  message: string;
}

/** A problem found by a rule. */
export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  /** Lowercase start, quotes the value, says what was expected and what to do. */
  message: string;
  variable: string;
  key: string | null;
  environment: EnvironmentName;
  /** Why the primary location's file was taken for that environment. */
  environmentReason?: string;
  span: Span;
  related: RelatedLocation[];
  /** One sentence: how to fix it. */
  remediation: string;
  fix?: TextEdit[];
  docsUrl?: string;
  /** Stable across runs and line moves: rule + path + variable/key + environment. */
  fingerprint: string;
}
