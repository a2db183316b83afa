// The one shell extractor (contract in ./extract.ts) and the extractor for shell script files.
// sh-syntax checks the syntax and reports errors with exact positions; ./lexer.ts finds the
// simple commands and words (the sh-syntax AST is too lossy for that, see ./syntax.ts).
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, Origin, Phase, ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import type { ExtractResult, Extractor } from '../types.js';
import type { ExtractShell, ShellContext } from './extract.js';
import { lexShell, type ShellWord, type SimpleCommand } from './lexer.js';
import { checkShellSyntax, isPlainCommandList, type ShellSyntaxResult } from './syntax.js';
import { decodeWord, splitAssignment } from './words.js';
import { TRACKED_NAME_PATTERN } from '../../knowledge/variables.js';

const NAMES_A_SETTING = new RegExp(TRACKED_NAME_PATTERN);

export type { ExtractShell, ShellContext } from './extract.js';

/** Interpreters whose here-document input is shell code (`bash <<EOF … EOF`). */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);

/** Wrappers that run their operands as a command, and the options of theirs that take an argument. */
const WRAPPERS: Record<string, { argOptions: string[]; leadingOperand?: boolean }> = {
  exec: { argOptions: ['-a'] },
  command: { argOptions: [] },
  builtin: { argOptions: [] },
  nohup: { argOptions: [] },
  time: { argOptions: ['-f', '-o'] },
  nice: { argOptions: ['-n'] },
  ionice: { argOptions: ['-c', '-n', '-t'] },
  stdbuf: { argOptions: ['-i', '-o', '-e'] },
  setsid: { argOptions: [] },
  chrt: { argOptions: [] },
  taskset: { argOptions: [], leadingOperand: true },
  timeout: { argOptions: ['-s', '-k', '--signal', '--kill-after'], leadingOperand: true },
  sudo: { argOptions: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R'] },
  doas: { argOptions: ['-u', '-C'] },
};

interface PendingExport {
  word: ShellWord;
  valueOffset: number;
  append: boolean;
}

class ShellAnalysis {
  readonly observations: Observation[] = [];
  private readonly toFile: (offset: number) => number;
  /** Last plain assignment per name, for a later `export NAME`. */
  private readonly assigned = new Map<string, PendingExport>();

  constructor(
    private readonly script: string,
    private readonly ctx: ShellContext,
  ) {
    const base = ctx.baseOffset ?? 0;
    this.toFile = ctx.mapOffset ?? ((o: number) => base + o);
  }

  analyze(commands: SimpleCommand[]): void {
    for (const cmd of commands) this.command(cmd);
  }

  private origin(kind: 'export' | 'assign' | 'env' | 'go-env'): Origin {
    if (this.ctx.origin) return this.ctx.origin;
    return kind === 'export' ? 'shell-export' : kind === 'assign' ? 'shell-assign' : kind === 'env' ? 'shell-env-command' : 'shell-go-env-w';
  }

  private scope(functions: string[]): ScopeLevel[] {
    return [...this.ctx.scope, ...functions.map((name) => ({ kind: 'function', name }))];
  }

  private emit(word: ShellWord, functions: string[], origin: Origin, phase: Phase, remember = false, at?: PendingExport): void {
    const source = at ?? (() => {
      const a = splitAssignment(word.raw);
      return a ? { word, valueOffset: a.valueOffset, append: a.append } : undefined;
    })();
    if (!source) return;
    const name = splitAssignment(source.word.raw)!.name;
    if (remember) this.assigned.set(name, source);
    const valueRaw = source.word.raw.slice(source.valueOffset);
    const decoded = decodeWord(valueRaw, true);
    const literal = decoded.literal && !source.append;
    const start = source.word.start + source.valueOffset;
    const end = source.word.end;
    const fileStart = this.toFile(start);
    const fileEnd = end > start ? this.toFile(end - 1) + 1 : fileStart;
    this.observations.push(
      ...assignmentObservations({
        path: this.ctx.path,
        lines: this.ctx.lines,
        name,
        value: literal ? decoded.value : valueRaw,
        valueStart: fileStart,
        valueEnd: fileEnd,
        literal,
        origin,
        scope: this.scope(functions),
        phase,
        ...(this.ctx.goVersion !== undefined ? { goVersion: this.ctx.goVersion } : {}),
        ...(this.ctx.variant !== undefined ? { variant: this.ctx.variant } : {}),
      }),
    );
  }

  private command(cmd: SimpleCommand): void {
    const words = cmd.words;
    let k = 0;
    while (k < words.length && splitAssignment(words[k]!.raw)) k++;
    const prefix = words.slice(0, k);
    const rest = words.slice(k);
    if (rest.length === 0) {
      for (const w of prefix) this.emit(w, cmd.functions, this.origin('assign'), this.ctx.phase, true);
      return;
    }
    const { envAssignments, command } = unwrap(rest);
    const phase = goPhase(command) ?? this.ctx.phase;
    for (const w of prefix) this.emit(w, cmd.functions, this.origin('assign'), phase);
    for (const w of envAssignments) this.emit(w, cmd.functions, this.origin('env'), phase);
    if (command.length === 0) return;
    const name = commandName(command[0]!);
    if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'local' || name === 'readonly') {
      this.declaration(name, command.slice(1), cmd.functions);
    } else if (name === 'go' && command[1]?.raw === 'env') {
      const args = command.slice(2);
      if (args.some((w) => w.raw === '-w')) {
        for (const w of args) if (splitAssignment(w.raw)) this.emit(w, cmd.functions, this.origin('go-env'), 'build');
      }
    } else if (SHELLS.has(name)) {
      this.nestedShell(command, cmd);
    }
  }

  /** `export`, `declare -x`, `typeset`, `local`, `readonly`. */
  private declaration(name: string, args: ShellWord[], functions: string[]): void {
    let exported = name === 'export';
    for (const w of args) {
      const raw = w.raw;
      if (/^[-+][A-Za-z]+$/.test(raw)) {
        if (raw.startsWith('-') && raw.includes('x')) exported = true;
        // `export -n` un-exports; `-f` names functions; `-p` prints.
        if (name === 'export' && /[nfp]/.test(raw)) return;
        if (raw.startsWith('+') && raw.includes('x')) return;
        continue;
      }
      if (raw === '--') continue;
      const assignment = splitAssignment(raw);
      if (assignment) {
        this.emit(w, functions, this.origin(exported ? 'export' : 'assign'), this.ctx.phase, true);
      } else if (exported && /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw)) {
        // `X=…; export X`: the exported value is the one assigned before, where it is written.
        const before = this.assigned.get(raw);
        if (before) this.emit(before.word, functions, this.origin('export'), this.ctx.phase, false, before);
      }
    }
  }

  /** `bash <<EOF … EOF` and `sh -c '…'`: the input is shell code too. */
  private nestedShell(command: ShellWord[], cmd: SimpleCommand): void {
    let readsStdin = true;
    for (let j = 1; j < command.length; j++) {
      const raw = command[j]!.raw;
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(raw)) {
        readsStdin = false;
        const script = command[j + 1];
        if (script) {
          const m = /^'([^']*)'$|^"([^"\\$`]*)"$|^([A-Za-z0-9_=,.\-/:]+)$/.exec(script.raw);
          if (m) {
            const quoted = m[3] === undefined;
            const start = script.start + (quoted ? 1 : 0);
            const end = script.end - (quoted ? 1 : 0);
            this.analyze(lexShell(this.script, start, end, cmd.functions));
          }
        }
        break;
      }
      if (raw === '-s' || raw === '--') break;
      if (!raw.startsWith('-') && !raw.startsWith('+')) {
        readsStdin = false; // a script file
        break;
      }
    }
    if (!readsStdin) return;
    for (const body of cmd.heredocs) this.analyze(lexShell(this.script, body.start, body.end, cmd.functions));
  }
}

function commandName(word: ShellWord): string {
  const { value } = decodeWord(word.raw);
  return value.slice(value.lastIndexOf('/') + 1);
}

/**
 * Strips wrappers (`exec`, `sudo`, `nohup`, `timeout 5`, …) and `env [options] NAME=value…` from
 * the front of a command; returns the assignments `env`/`sudo` give the command and the command.
 */
function unwrap(words: ShellWord[]): { envAssignments: ShellWord[]; command: ShellWord[] } {
  const envAssignments: ShellWord[] = [];
  let j = 0;
  for (let guard = 0; guard < 16 && j < words.length; guard++) {
    const name = commandName(words[j]!);
    if (name === 'env') {
      j++;
      while (j < words.length) {
        const raw = words[j]!.raw;
        if (raw === '--') {
          j++;
          break;
        }
        if (raw === '-u' || raw === '-C' || raw === '--unset' || raw === '--chdir') j += 2;
        else if (raw === '-S' || raw.startsWith('--split-string') || raw.startsWith('-S')) return { envAssignments, command: [] };
        else if (raw.startsWith('-')) j++;
        else break;
      }
      while (j < words.length && splitAssignment(words[j]!.raw)) envAssignments.push(words[j++]!);
      continue;
    }
    const wrapper = WRAPPERS[name];
    if (!wrapper) break;
    if (name === 'command' && words[j + 1] && /^-[vV]/.test(words[j + 1]!.raw)) return { envAssignments, command: [] };
    j++;
    while (j < words.length && words[j]!.raw.startsWith('-')) {
      const raw = words[j]!.raw;
      j += wrapper.argOptions.includes(raw) ? 2 : 1;
      if (raw === '--') break;
    }
    if (wrapper.leadingOperand) j++;
    if (name === 'sudo' || name === 'doas') {
      while (j < words.length && splitAssignment(words[j]!.raw)) envAssignments.push(words[j++]!);
    }
  }
  return { envAssignments, command: words.slice(j) };
}

/** `go build`/`go install` run at build time, `go test` at test time; otherwise undefined. */
function goPhase(command: ShellWord[]): Phase | undefined {
  if (command.length === 0 || commandName(command[0]!) !== 'go') return undefined;
  const sub = command.slice(1).find((w) => !w.raw.startsWith('-'))?.raw;
  if (sub === 'build' || sub === 'install') return 'build';
  if (sub === 'test') return 'test';
  return undefined;
}

/** See ./extract.ts. Never throws: failures become diagnostics. */
export const extractShell: ExtractShell = async (script, ctx) => {
  const diagnostics: Diagnostic[] = [];
  const toFile = ctx.mapOffset ?? ((o: number) => (ctx.baseOffset ?? 0) + o);
  try {
    // The WebAssembly parser only reports syntax errors here (the words come from ./lexer.ts), and
    // costs ~2.4 ms a call: plain command lists (`go test ./...`, most CI steps and RUN lines)
    // cannot have one, so they skip it.
    // The syntax error says the facts were read best-effort: a script that names no Go setting
    // has no facts to qualify, and skipping the check there spares most scripts of a large
    // tree the parser (and its ~0.2 s WebAssembly start-up).
    const syntax: ShellSyntaxResult = isPlainCommandList(script) || !NAMES_A_SETTING.test(script) ? { statements: [] } : await checkShellSyntax(script);
    if (syntax.error) {
      const at = ctx.lines.position(toFile(Math.min(syntax.error.offset, script.length)));
      diagnostics.push({
        path: ctx.path,
        line: at.line,
        column: at.column,
        message: `shell syntax error: ${syntax.error.message}; facts were read on a best-effort basis`,
        severity: 'warning',
        code: 'parse-error',
      });
    }
    const analysis = new ShellAnalysis(script, ctx);
    analysis.analyze(lexShell(script));
    return { observations: analysis.observations, diagnostics };
  } catch (error) {
    diagnostics.push({ path: ctx.path, message: `shell extraction failed: ${String(error)}`, severity: 'error', code: 'extract-failed' });
    return { observations: [], diagnostics };
  }
};

const SHEBANG = /^#![ \t]*\S*\/(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:sh|bash|dash|ash|ksh|mksh|zsh)(?:[ \t]|\r?$|\n)/;

/** Extensions of other languages: a shebang in such a file still means it is not shell. */
const OTHER_LANGUAGE = new Set([
  'py', 'rb', 'pl', 'pm', 'js', 'mjs', 'cjs', 'ts', 'php', 'lua', 'tcl', 'awk', 'sed', 'r', 'go', 'java', 'groovy',
  'kts', 'swift', 'exs', 'ex', 'fish', 'ps1', 'bat', 'cmd', 'json', 'yaml', 'yml', 'toml', 'md', 'txt', 'env',
  'mk', 'make', 'dockerfile', 'containerfile',
]);

/** Shell scripts: `*.sh`, `*.bash`, `.envrc`, and files with a shell shebang. */
export const shellScriptExtractor: Extractor = {
  id: 'shell',
  matches(path: string, head?: string): boolean {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (/\.(sh|bash)$/i.test(base) || base === '.envrc') return true;
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
    if (ext !== undefined && OTHER_LANGUAGE.has(ext)) return false;
    if (/^(Dockerfile|Containerfile|Makefile|GNUmakefile)$/i.test(base)) return false;
    return head !== undefined && SHEBANG.test(head);
  },
  async extract(file): Promise<ExtractResult> {
    try {
      const lines = new LineIndex(file.text);
      return await extractShell(file.text, { path: file.path, lines, baseOffset: 0, scope: [], phase: 'run' });
    } catch (error) {
      return {
        observations: [],
        diagnostics: [{ path: file.path, message: `shell extraction failed: ${String(error)}`, severity: 'error', code: 'extract-failed' }],
      };
    }
  },
};
