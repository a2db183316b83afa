// Dockerfile / Containerfile extractor: ENV (both syntaxes), ARG, RUN (through the shell
// extractor, with exact offsets), stages with ENV inheritance through `FROM <stage>`, and the Go
// toolchain of `FROM golang:<tag>` as the `@build-toolchain` context fact.
import { DockerfileParser, type Arg, type Env, type From, type Instruction, type Property, type Run } from 'dockerfile-ast';
import { LineIndex } from '../../core/text.js';
import { CONTEXT_VARIABLES, type Diagnostic, type Observation, type Phase, type ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { extractShell } from '../shell/index.js';
import type { ExtractResult, Extractor, SourceFile } from '../types.js';
import { logicalLine, processDockerWord, type DockerVar } from './words.js';

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface Stage {
  index: number;
  name: string;
  /** Lower-cased `AS` name, for `FROM <stage>` and `COPY --from`. */
  alias?: string;
  scope: ScopeLevel[];
  final: boolean;
  goVersion?: string;
  /** ENV values in force (inherited ones included), for substitution. */
  env: Map<string, DockerVar>;
  /** ARG values declared in this stage. */
  args: Map<string, DockerVar>;
  /** Facts a child stage inherits: ENV facts and the toolchain fact. */
  inheritable: Observation[];
  /** False after a SHELL instruction selects a non-POSIX shell: RUN text is not sh. */
  posixShell: boolean;
}

const SH_LIKE = /(?:^|[\\/])(?:sh|bash|dash|ash|ksh|mksh|zsh)(?:\.exe)?$/;

class DockerfileAnalysis {
  readonly observations: Observation[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: LineIndex;
  private escape: string;
  private readonly globalArgs = new Map<string, DockerVar & { start?: number; end?: number }>();
  private readonly stages: Stage[] = [];

  constructor(private readonly file: SourceFile) {
    this.lines = new LineIndex(file.text);
    this.escape = '\\';
  }

  private offset(p: { line: number; character: number }): number {
    return this.lines.offsetOf(p.line + 1, p.character + 1);
  }

  private diagnostic(offset: number, message: string, code = 'parse-error', severity: Diagnostic['severity'] = 'warning'): void {
    const at = this.lines.position(offset);
    this.diagnostics.push({ path: this.file.path, line: at.line, column: at.column, message, severity, code });
  }

  private vars(stage: Stage): Map<string, DockerVar> {
    // ARG and ENV of the same name: ENV wins (Dockerfile reference, "Using ARG variables").
    return new Map([...stage.args, ...stage.env]);
  }

  async run(): Promise<void> {
    const dockerfile = DockerfileParser.parse(this.file.text);
    const escape = dockerfile.getEscapeCharacter();
    this.escape = escape;
    const instructions = dockerfile.getInstructions();
    const fromCount = instructions.filter((i) => i.getKeyword() === 'FROM').length;
    let stage: Stage | undefined;
    let fromSeen = 0;
    for (const ins of instructions) {
      const keyword = ins.getKeyword();
      try {
        if (keyword === 'FROM') {
          fromSeen++;
          stage = this.from(ins as From, fromSeen === fromCount);
          continue;
        }
        if (keyword === 'ARG') {
          this.arg(ins as Arg, stage);
          continue;
        }
        const current = stage ?? this.orphanStage(this.offset(ins.getRange().start), fromCount === 0);
        stage = current;
        if (keyword === 'ENV') this.env(ins as Env, current);
        else if (keyword === 'RUN') {
          this.goCommandEvidence(ins, current);
          await this.runInstruction(ins as Run, current);
        } else if (keyword === 'COPY') this.copyEvidence(ins, current);
        else if (keyword === 'SHELL') this.shell(ins, current);
      } catch (error) {
        this.diagnostic(this.offset(ins.getRange().start), `could not read ${keyword}: ${String(error)}`, 'extract-failed', 'error');
      }
    }
  }

  /** Instructions before any FROM (malformed file): read them in a stage of their own. */
  private orphanStage(offset: number, final: boolean): Stage {
    this.diagnostic(offset, 'instruction before the first FROM: only ARG may come before FROM');
    const name = '(before FROM)';
    const s: Stage = { index: -1, name, scope: [{ kind: 'stage', name }], final, env: new Map(), args: new Map(), inheritable: [], posixShell: true };
    if (final) s.scope.push({ kind: 'image', name: 'final' });
    return s;
  }

  private from(ins: From, final: boolean): Stage {
    const index = this.stages.length;
    const alias = ins.getBuildStage() ?? undefined;
    const name = alias ?? `#${index}`;
    const scope: ScopeLevel[] = [{ kind: 'stage', name }];
    if (final) scope.push({ kind: 'image', name: 'final' });
    const stage: Stage = { index, name, scope, final, env: new Map(), args: new Map(), inheritable: [], posixShell: true };
    if (alias) stage.alias = alias.toLowerCase();
    this.stages.push(stage);

    const imageRange = ins.getImageRange() as RangeLike | null;
    if (!imageRange) {
      this.diagnostic(this.offset(ins.getRange().start), 'FROM has no image: expected `FROM <image>[:tag] [AS name]`');
      return stage;
    }
    const rawImage = this.file.text.slice(this.offset(imageRange.start), this.offset(imageRange.end));
    // FROM may only use ARGs declared before the first FROM.
    const image = processDockerWord(rawImage, this.globalArgs, this.escape);
    const parent = image.literal ? this.stages.slice(0, index).find((s) => s.alias === image.value.toLowerCase()) : undefined;
    if (parent) {
      stage.goVersion = parent.goVersion;
      stage.env = new Map(parent.env);
      stage.posixShell = parent.posixShell;
      for (const o of parent.inheritable) {
        // Context facts (the toolchain) stay build-time; ENV applies at run time in the final image.
        const phase = o.variable.startsWith('@') ? o.phase : this.envPhase(stage);
        const inherited: Observation = { ...o, scope, phase, inheritedFrom: o.inheritedFrom ?? parent.name };
        if (stage.goVersion !== undefined) inherited.goVersion = stage.goVersion;
        this.observations.push(inherited);
        stage.inheritable.push(inherited);
      }
      return stage;
    }
    this.toolchain(ins, stage, rawImage, image);
    return stage;
  }

  /** `FROM golang:<tag>` (also docker.io/library/golang, digests, ARG-substituted tags). */
  private toolchain(ins: From, stage: Stage, rawImage: string, image: { value: string; literal: boolean }): void {
    // Parse the substituted reference when we can, the raw one otherwise.
    const ref = image.literal ? image.value : rawImage;
    const m = /^(?:(?:[^/]+\.[^/]+|localhost(?::\d+)?)\/)?(?:library\/)?golang(?::([^@]+))?(?:@(\S+))?$/.exec(ref);
    if (!m) return;
    const tag = m[1];
    const tagRange = ins.getImageTagRange() as RangeLike | null;
    const imageRange = ins.getImageRange() as RangeLike;
    const spanRange = tagRange ?? imageRange;
    const start = this.offset(spanRange.start);
    const end = this.offset(spanRange.end);
    const version = tag && image.literal ? /^(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:-.*)?$/.exec(tag)?.[1] : undefined;
    const digest = m[2];
    const text = version ?? (tag ? (image.literal ? tag : this.file.text.slice(start, end)) : digest ? `@${digest}` : 'latest');
    if (version !== undefined) stage.goVersion = version;
    const fact: Observation = {
      variable: CONTEXT_VARIABLES.buildToolchain,
      key: null,
      value: { text, literal: version !== undefined },
      span: this.lines.span(this.file.path, start, end),
      origin: 'dockerfile-from',
      scope: stage.scope,
      phase: 'build',
      ...(version !== undefined ? { goVersion: version } : {}),
    };
    this.observations.push(fact);
    stage.inheritable.push(fact);
  }

  /**
   * Records, once per stage, that the stage holds a Go toolchain although it is not built FROM a
   * golang image (rules leave GOROOT alone there). Inherited like ENV through `FROM <stage>`.
   */
  private toolchainEvidence(stage: Stage, start: number, end: number, evidence: string, origin: 'dockerfile-env' | 'dockerfile-run'): void {
    if (stage.inheritable.some((o) => o.variable === CONTEXT_VARIABLES.toolchainImage || (o.variable === CONTEXT_VARIABLES.buildToolchain && !o.inheritedFrom))) return;
    const fact: Observation = {
      variable: CONTEXT_VARIABLES.toolchainImage,
      key: null,
      value: { text: evidence, literal: true },
      span: this.lines.span(this.file.path, start, end),
      origin,
      scope: stage.scope,
      phase: 'build',
    };
    this.observations.push(fact);
    stage.inheritable.push(fact);
  }

  /** `COPY --from=<golang image or toolchain stage>`: the stage receives a Go toolchain (or at least files of one). */
  private copyEvidence(ins: Instruction, stage: Stage): void {
    const range = ins.getRange();
    const start = this.offset(range.start);
    const text = this.file.text.slice(start, this.offset(range.end));
    const m = /--from=(\S+)/.exec(text);
    if (!m) return;
    const from = m[1]!.toLowerCase();
    const source = this.stages.find((s) => s.alias === from);
    const sourceHasToolchain = source?.inheritable.some((o) => o.variable === CONTEXT_VARIABLES.buildToolchain || o.variable === CONTEXT_VARIABLES.toolchainImage);
    // Copying a whole toolchain (a GOROOT such as /usr/local/go) makes a toolchain image; copying
    // a built binary out of a golang stage does not.
    if (!/\/go\b|goroot/i.test(text)) return;
    if (sourceHasToolchain || (!source && /(^|\/)golang(:|@|$)/.test(from))) {
      this.toolchainEvidence(stage, start + m.index, start + m.index + m[0].length, `copies a Go toolchain from "${m[1]}"`, 'dockerfile-env');
    }
  }

  /** RUN of a go command that builds or tests (`go build`, `go test`, …): the stage holds a toolchain. */
  private goCommandEvidence(ins: Instruction, stage: Stage): void {
    const range = ins.getRange();
    const start = this.offset(range.start);
    const text = this.file.text.slice(start, this.offset(range.end));
    const m = /(^|[\s;&|(])(go\s+(?:build|install|test|run|mod|generate|vet|env|list))\b/.exec(text);
    if (!m) return;
    const at = start + m.index + m[1]!.length;
    this.toolchainEvidence(stage, at, at + m[2]!.length, 'runs go commands', 'dockerfile-run');
  }

  private envPhase(stage: Stage): Phase {
    return stage.final ? 'run' : 'build';
  }

  private valueBounds(p: Property): { start: number; end: number } | undefined {
    const r = p.getValueRange() as RangeLike | null;
    if (!r) return undefined;
    return { start: this.offset(r.start), end: this.offset(r.end) };
  }

  private arg(ins: Arg, stage: Stage | undefined): void {
    const p = ins.getProperty();
    if (!p) {
      this.diagnostic(this.offset(ins.getRange().start), 'ARG has no name: expected `ARG <name>[=<default>]`');
      return;
    }
    const name = p.getName();
    const bounds = this.valueBounds(p);
    if (!stage) {
      if (!bounds) this.globalArgs.set(name, { value: '', literal: false });
      else {
        const raw = this.file.text.slice(bounds.start, bounds.end);
        const v = processDockerWord(raw, this.globalArgs, this.escape);
        this.globalArgs.set(name, { ...v, ...bounds });
      }
      return;
    }
    let value: DockerVar;
    let start: number;
    let end: number;
    let written: string;
    if (bounds) {
      written = this.file.text.slice(bounds.start, bounds.end);
      value = processDockerWord(written, this.vars(stage), this.escape);
      ({ start, end } = bounds);
    } else {
      // `ARG NAME` re-declares a global ARG (and its default) inside the stage.
      const global = this.globalArgs.get(name);
      if (global && global.start !== undefined && global.end !== undefined) {
        value = { value: global.value, literal: global.literal };
        start = global.start;
        end = global.end;
        written = this.file.text.slice(start, end);
      } else {
        // No default: the value comes from `--build-arg`, if any.
        const r = p.getNameRange() as RangeLike;
        start = this.offset(r.start);
        end = this.offset(r.end);
        value = { value: '', literal: false };
        written = `\${${name}}`;
      }
    }
    stage.args.set(name, value);
    this.observations.push(
      ...assignmentObservations({
        path: this.file.path,
        lines: this.lines,
        name,
        value: value.literal ? value.value : written,
        valueStart: start,
        valueEnd: end,
        literal: value.literal,
        origin: 'dockerfile-arg',
        scope: stage.scope,
        phase: 'build',
        ...(stage.goVersion !== undefined ? { goVersion: stage.goVersion } : {}),
      }),
    );
  }

  private env(ins: Env, stage: Stage): void {
    const properties = ins.getProperties();
    if (properties.length === 0) this.diagnostic(this.offset(ins.getRange().start), 'ENV has no variable: expected `ENV <name>=<value> …`');
    // All pairs of one ENV see the values from before the instruction (BuildKit substitutes first).
    const before = this.vars(stage);
    for (const p of properties) {
      const name = p.getName();
      const bounds = this.valueBounds(p);
      if (!bounds) {
        if (p.getValue() === null) {
          const r = p.getNameRange() as RangeLike;
          this.diagnostic(this.offset(r.start), `ENV ${name} has no value: expected \`ENV ${name}=<value>\``);
        }
        continue;
      }
      const written = this.file.text.slice(bounds.start, bounds.end);
      const value = processDockerWord(written, before, this.escape);
      stage.env.set(name, value);
      if (name === 'PATH' && /go\/bin|\$\{?GOROOT\b/.test(written)) {
        this.toolchainEvidence(stage, bounds.start, bounds.end, 'PATH includes the Go toolchain', 'dockerfile-env');
      }
      const facts = assignmentObservations({
        path: this.file.path,
        lines: this.lines,
        name,
        value: value.literal ? value.value : written,
        valueStart: bounds.start,
        valueEnd: bounds.end,
        literal: value.literal,
        origin: 'dockerfile-env',
        scope: stage.scope,
        phase: this.envPhase(stage),
        ...(stage.goVersion !== undefined ? { goVersion: stage.goVersion } : {}),
      });
      this.observations.push(...facts);
      stage.inheritable.push(...facts);
    }
  }

  private shell(ins: Instruction, stage: Stage): void {
    const args = ins.getArgumentsContent() ?? '';
    try {
      const parsed = JSON.parse(args) as unknown;
      if (Array.isArray(parsed) && typeof parsed[0] === 'string') stage.posixShell = SH_LIKE.test(parsed[0]);
    } catch {
      this.diagnostic(this.offset(ins.getRange().start), 'SHELL expects a JSON array such as ["/bin/bash", "-c"]');
    }
  }

  private async runInstruction(ins: Run, stage: Stage): Promise<void> {
    if (!stage.posixShell) return;
    const argsRange = ins.getArgumentsRange() as RangeLike | null;
    if (!argsRange) return;
    const argsStart = this.offset(argsRange.start);
    const insEnd = this.offset((ins.getRange() as RangeLike).end);
    const heredocs = ins.getHeredocs();
    const context = {
      path: this.file.path,
      lines: this.lines,
      scope: stage.scope,
      phase: 'build' as Phase,
      origin: 'dockerfile-run' as const,
      ...(stage.goVersion !== undefined ? { goVersion: stage.goVersion } : {}),
    };
    if (heredocs.length > 0) {
      // Heredoc bodies are verbatim: no continuation handling past the first line.
      const firstLineEnd = this.file.text.indexOf('\n', argsStart);
      const head = this.file.text.slice(argsStart, firstLineEnd < 0 ? insEnd : firstLineEnd);
      const flags = /^(?:--[A-Za-z-]+(?:=(?:"[^"]*"|\S*))?\s+)*/.exec(head)![0];
      const command = head.slice(flags.length);
      if (/^(?:\s*<<-?\s*(["']?)[A-Za-z0-9_.-]+\1)+\s*$/.test(command)) {
        // `RUN <<EOF`: each body is a script of its own.
        for (const h of heredocs) {
          const r = h.getContentRange() as RangeLike | null;
          if (!r) continue;
          const start = this.offset(r.start);
          const body = this.file.text.slice(start, this.offset(r.end));
          await this.shellFacts(body, { ...context, baseOffset: start });
        }
        return;
      }
      const start = argsStart + flags.length;
      await this.shellFacts(this.file.text.slice(start, insEnd), { ...context, baseOffset: start });
      return;
    }
    const line = logicalLine(this.file.text, argsStart, insEnd, this.escape);
    const flags = /^(?:--[A-Za-z-]+(?:=(?:"[^"]*"|\S*))?\s+)*/.exec(line.text)![0];
    const script = line.text.slice(flags.length);
    const offsets = line.offsets.slice(flags.length);
    if (/^\s*\[/.test(script)) {
      try {
        JSON.parse(script);
        return; // exec form: no shell
      } catch {
        // Not JSON: Docker runs it with the shell.
      }
    }
    const last = offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : argsStart;
    await this.shellFacts(script, { ...context, mapOffset: (o: number) => (o < offsets.length ? offsets[o]! : last) });
  }

  private async shellFacts(script: string, context: Parameters<typeof extractShell>[1]): Promise<void> {
    const result = await extractShell(script, context);
    this.observations.push(...result.observations);
    this.diagnostics.push(...result.diagnostics);
  }
}

/** `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile`, `*.containerfile`, in any directory. */
export const dockerfileExtractor: Extractor = {
  id: 'dockerfile',
  matches(path: string): boolean {
    const base = path.slice(path.lastIndexOf('/') + 1);
    // `Dockerfile.prod` yes; `dockerfile.go`, `Dockerfile.md`, `Dockerfile.dockerignore` no.
    if (/\.(?:dockerignore|go|md|txt|json|ya?ml|toml|sh|py|js|ts|rb|rs|java|bak|orig|swp)$/i.test(base)) return false;
    return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(base) || /\.(?:Dockerfile|containerfile)$/i.test(base);
  },
  async extract(file: SourceFile): Promise<ExtractResult> {
    const analysis = new DockerfileAnalysis(file);
    try {
      await analysis.run();
    } catch (error) {
      analysis.diagnostics.push({ path: file.path, message: `Dockerfile extraction failed: ${String(error)}`, severity: 'error', code: 'extract-failed' });
    }
    return { observations: analysis.observations, diagnostics: analysis.diagnostics };
  },
};
