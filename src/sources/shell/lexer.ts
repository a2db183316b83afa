// A shell lexer that finds simple commands, their words and here-documents, with exact offsets.
// It exists because sh-syntax's JSON AST stops at statement boundaries (see ./syntax.ts). It
// follows the POSIX/bash token rules closely enough to never misplace a word, and is tolerant:
// unterminated constructs run to the end of the text instead of throwing.

/** One word as written: [start, end) offsets in the lexed text, quotes and escapes included. */
export interface ShellWord {
  start: number;
  end: number;
  raw: string;
}

/** A here-document body attached to the command that declared it. */
export interface HeredocBody {
  /** [start, end) of the body text (without the terminator line). */
  start: number;
  end: number;
  /** True when the delimiter was quoted: the body is taken verbatim, no expansion. */
  quoted: boolean;
}

/** A simple command: words (redirections removed), the shell functions it sits in, its heredocs. */
export interface SimpleCommand {
  words: ShellWord[];
  /** Enclosing function names, outermost first. */
  functions: string[];
  heredocs: HeredocBody[];
}

type BlockKind = '{' | '(' | 'if' | 'loop' | 'case';

interface Block {
  kind: BlockKind;
  fn?: string;
  /** case only: where we are. */
  caseState?: 'head' | 'pattern' | 'body';
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
  command: SimpleCommand;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r';
const isMeta = (c: string | undefined): boolean =>
  c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';

/** Lexes s[start, end) into simple commands, in source order. */
export function lexShell(s: string, start = 0, end = s.length, outerFunctions: string[] = []): SimpleCommand[] {
  return new Lexer(s, start, end, outerFunctions).run();
}

class Lexer {
  private i: number;
  private readonly blocks: Block[] = [];
  private pendingFunction: string | undefined;
  private pendingHeredocs: PendingHeredoc[] = [];
  private readonly out: SimpleCommand[] = [];
  private cmd: SimpleCommand;
  /** The next word is a redirection target, not an argument. */
  private redirectTarget = false;
  /** Words of the current command are not a command (`for x in …`, `case … in`). */
  private ignoreWords = false;

  constructor(
    private readonly s: string,
    start: number,
    private readonly end: number,
    private readonly outerFunctions: string[],
  ) {
    this.i = start;
    this.cmd = this.newCommand();
  }

  private newCommand(): SimpleCommand {
    const functions = [...this.outerFunctions];
    for (const b of this.blocks) if (b.fn !== undefined) functions.push(b.fn);
    return { words: [], functions, heredocs: [] };
  }

  private endCommand(): void {
    if (this.cmd.words.length > 0 && !this.ignoreWords) this.out.push(this.cmd);
    else if (this.cmd.heredocs.length > 0 || this.pendingHeredocs.some((h) => h.command === this.cmd)) this.out.push(this.cmd);
    this.cmd = this.newCommand();
    this.redirectTarget = false;
    this.ignoreWords = false;
  }

  private push(kind: BlockKind, extra: Partial<Block> = {}): void {
    const block: Block = { kind, ...extra };
    if (this.pendingFunction !== undefined) {
      block.fn = this.pendingFunction;
      this.pendingFunction = undefined;
    }
    this.blocks.push(block);
    this.cmd = this.newCommand();
  }

  private pop(kind: BlockKind): void {
    for (let k = this.blocks.length - 1; k >= 0; k--) {
      if (this.blocks[k]!.kind === kind) {
        this.blocks.length = k;
        break;
      }
    }
    this.cmd = this.newCommand();
  }

  private top(): Block | undefined {
    return this.blocks[this.blocks.length - 1];
  }

  run(): SimpleCommand[] {
    const { s, end } = this;
    while (this.i < end) {
      const c = s[this.i]!;
      const top = this.top();
      if (top?.kind === 'case' && top.caseState === 'pattern') {
        this.casePattern(top);
        continue;
      }
      if (isBlank(c)) {
        this.i++;
      } else if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
      } else if (c === '#') {
        while (this.i < end && s[this.i] !== '\n') this.i++;
      } else if (c === '\n') {
        this.endCommand();
        this.i++;
        this.readHeredocBodies();
      } else if (c === ';') {
        this.endCommand();
        if (s[this.i + 1] === ';' || s[this.i + 1] === '&') {
          this.i += s.startsWith(';;&', this.i) ? 3 : 2;
          const t = this.top();
          if (t?.kind === 'case') t.caseState = 'pattern';
        } else this.i++;
      } else if (c === '&') {
        if (s[this.i + 1] === '>') {
          this.i += s[this.i + 2] === '>' ? 3 : 2;
          this.redirectTarget = true;
        } else {
          this.endCommand();
          this.i += s[this.i + 1] === '&' ? 2 : 1;
        }
      } else if (c === '|') {
        this.endCommand();
        this.i += s[this.i + 1] === '|' || s[this.i + 1] === '&' ? 2 : 1;
      } else if (c === '(') {
        this.openParen();
      } else if (c === ')') {
        this.endCommand();
        this.pop('(');
        this.i++;
      } else if (c === '<' || c === '>') {
        this.redirect();
      } else {
        this.word();
      }
    }
    this.endCommand();
    // Unterminated heredocs at the end of the text: nothing to read.
    return this.out;
  }

  private openParen(): void {
    const { s } = this;
    if (this.cmd.words.length === 0 && s[this.i + 1] === '(') {
      // `(( arithmetic ))` command.
      this.i = skipBalanced(s, this.i, this.end, '(', ')');
      return;
    }
    if (this.cmd.words.length === 1 && !this.ignoreWords) {
      const m = /^\(\s*\)/.exec(s.slice(this.i, Math.min(this.end, this.i + 64)));
      const name = this.cmd.words[0]!.raw;
      if (m && /^[^\s=$'"`]+$/.test(name)) {
        // `name() compound-command`: the next block is the function body.
        this.pendingFunction = name;
        this.cmd.words = [];
        this.i += m[0].length;
        return;
      }
    }
    this.endCommand();
    this.push('(');
    this.i++;
  }

  private redirect(): void {
    const { s } = this;
    const c = s[this.i]!;
    if (s[this.i + 1] === '(') {
      // Process substitution `<(…)` / `>(…)` is a word.
      this.word();
      return;
    }
    if (c === '<' && s.startsWith('<<<', this.i)) {
      this.i += 3;
      this.redirectTarget = true;
      return;
    }
    if (c === '<' && s[this.i + 1] === '<') {
      const stripTabs = s[this.i + 2] === '-';
      this.i += stripTabs ? 3 : 2;
      while (this.i < this.end && isBlank(s[this.i])) this.i++;
      const wordStart = this.i;
      const wordEnd = scanWord(s, this.i, this.end);
      const raw = s.slice(wordStart, wordEnd);
      this.i = wordEnd;
      const quoted = /['"\\]/.test(raw);
      const delimiter = raw.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
      this.pendingHeredocs.push({ delimiter, stripTabs, quoted, command: this.cmd });
      return;
    }
    // <, >, >>, <>, <&, >&, >|
    this.i += 1;
    const n = s[this.i];
    if (n === '>' || n === '&' || n === '|' || (c === '<' && n === '>')) this.i++;
    this.redirectTarget = true;
  }

  private readHeredocBodies(): void {
    const { s, end } = this;
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const h of pending) {
      const bodyStart = this.i;
      let bodyEnd = end;
      let next = end;
      let lineStart = this.i;
      while (lineStart < end) {
        let lineEnd = s.indexOf('\n', lineStart);
        if (lineEnd < 0 || lineEnd > end) lineEnd = end;
        let line = s.slice(lineStart, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          bodyEnd = lineStart;
          next = Math.min(end, lineEnd + 1);
          break;
        }
        lineStart = lineEnd + 1;
      }
      h.command.heredocs.push({ start: bodyStart, end: bodyEnd, quoted: h.quoted });
      if (!this.out.includes(h.command) && h.command !== this.cmd) this.out.push(h.command);
      this.i = next;
    }
  }

  /** Inside `case … in`: skips one pattern list up to its `)`, or the closing `esac`. */
  private casePattern(block: Block): void {
    const { s, end } = this;
    while (this.i < end && (isBlank(s[this.i]) || s[this.i] === '\n' || s[this.i] === ';')) this.i++;
    if (s[this.i] === '#') {
      while (this.i < end && s[this.i] !== '\n') this.i++;
      return;
    }
    if (this.i >= end) return;
    const wEnd = scanWord(s, this.i, end);
    if (s.slice(this.i, wEnd) === 'esac') {
      this.i = wEnd;
      this.pop('case');
      return;
    }
    if (s[this.i] === '(') this.i++;
    while (this.i < end && s[this.i] !== ')') {
      if (isBlank(s[this.i]) || s[this.i] === '|' || s[this.i] === '\n') this.i++;
      else {
        const e = scanWord(s, this.i, end);
        this.i = e > this.i ? e : this.i + 1;
      }
    }
    this.i++;
    block.caseState = 'body';
    this.cmd = this.newCommand();
  }

  private word(): void {
    const { s } = this;
    const start = this.i;
    const wEnd = Math.max(scanWord(s, start, this.end), start + 1);
    this.i = wEnd;
    const raw = s.slice(start, wEnd);
    if (this.redirectTarget) {
      this.redirectTarget = false;
      return;
    }
    // `2>file`, `{fd}>file`: the number is part of the redirection.
    if ((s[wEnd] === '<' || s[wEnd] === '>') && /^(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})$/.test(raw)) return;
    if (this.ignoreWords) {
      if (raw === 'in') {
        const t = this.top();
        if (t?.kind === 'case' && t.caseState === 'head') {
          t.caseState = 'pattern';
          this.ignoreWords = false;
          this.cmd = this.newCommand();
        }
      }
      return;
    }
    if (this.cmd.words.length === 0 && this.keyword(raw)) return;
    this.cmd.words.push({ start, end: wEnd, raw });
  }

  /** Handles a reserved word in command position; false when `raw` is an ordinary word. */
  private keyword(raw: string): boolean {
    switch (raw) {
      case 'if':
        this.push('if');
        return true;
      case 'while':
      case 'until':
        this.push('loop');
        return true;
      case 'for':
      case 'select': {
        this.push('loop');
        this.ignoreWords = true;
        let j = this.i;
        while (j < this.end && isBlank(this.s[j])) j++;
        if (this.s.startsWith('((', j)) this.i = skipBalanced(this.s, j, this.end, '(', ')');
        return true;
      }
      case 'case':
        this.push('case', { caseState: 'head' });
        this.ignoreWords = true;
        return true;
      case 'esac':
        this.pop('case');
        return true;
      case 'then':
      case 'else':
      case 'elif':
      case 'do':
      case '!':
      case 'time':
        return true;
      case 'fi':
        this.pop('if');
        return true;
      case 'done':
        this.pop('loop');
        return true;
      case '{':
        this.push('{');
        return true;
      case '}':
        this.pop('{');
        return true;
      case '[[': {
        // `[[ … ]]`: operators inside are operands; skip to the closing `]]`.
        let j = this.i;
        while (j < this.end) {
          while (j < this.end && (isBlank(this.s[j]) || this.s[j] === '\n')) j++;
          const e = Math.max(scanWord(this.s, j, this.end), j + 1);
          const w = this.s.slice(j, e);
          j = e;
          if (w === ']]') break;
        }
        this.i = j;
        return true;
      }
      case 'function': {
        let j = this.i;
        while (j < this.end && isBlank(this.s[j])) j++;
        const e = scanWord(this.s, j, this.end);
        if (e > j) {
          this.pendingFunction = this.s.slice(j, e);
          j = e;
          const m = /^\s*\(\s*\)/.exec(this.s.slice(j, Math.min(this.end, j + 64)));
          if (m) j += m[0].length;
          this.i = j;
        }
        return true;
      }
      default:
        return false;
    }
  }
}

/**
 * End of the word starting at `i`: stops at an unquoted metacharacter. Handles quotes, `$'…'`,
 * `$(…)`, `$((…))`, `${…}`, backquotes, backslash escapes and line continuations, process
 * substitution and array/extglob parentheses.
 */
export function scanWord(s: string, i: number, end: number): number {
  const start = i;
  while (i < end) {
    const c = s[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === "'") {
      const q = s.indexOf("'", i + 1);
      i = q < 0 || q >= end ? end : q + 1;
    } else if (c === '"') {
      i = skipDoubleQuoted(s, i + 1, end);
    } else if (c === '`') {
      i = skipBackquoted(s, i + 1, end);
    } else if (c === '$') {
      const n = s[i + 1];
      if (n === "'") i = skipAnsiC(s, i + 2, end);
      else if (n === '"') i = skipDoubleQuoted(s, i + 2, end);
      else if (n === '(') i = skipBalanced(s, i + 1, end, '(', ')');
      else if (n === '{') i = skipBalanced(s, i + 1, end, '{', '}');
      else i++;
    } else if ((c === '<' || c === '>') && s[i + 1] === '(' && i === start) {
      i = skipBalanced(s, i + 1, end, '(', ')');
    } else if (c === '(' && i > start && (/^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(s.slice(start, i)) || '@!+*?'.includes(s[i - 1]!))) {
      i = skipBalanced(s, i, end, '(', ')');
    } else if (isMeta(c)) {
      break;
    } else {
      i++;
    }
  }
  return Math.min(i, end);
}

function skipDoubleQuoted(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '`') i = skipBackquoted(s, i + 1, end);
    else if (c === '$' && s[i + 1] === '(') i = skipBalanced(s, i + 1, end, '(', ')');
    else if (c === '$' && s[i + 1] === '{') i = skipBalanced(s, i + 1, end, '{', '}');
    else i++;
  }
  return end;
}

function skipBackquoted(s: string, i: number, end: number): number {
  while (i < end) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === '`') return i + 1;
    else i++;
  }
  return end;
}

function skipAnsiC(s: string, i: number, end: number): number {
  while (i < end) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === "'") return i + 1;
    else i++;
  }
  return end;
}

/** From an opening bracket at `i`, the offset after its match; quotes and nesting respected. */
export function skipBalanced(s: string, i: number, end: number, open: string, close: string): number {
  let depth = 0;
  while (i < end) {
    const c = s[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" && open === '(') {
      const q = s.indexOf("'", i + 1);
      i = q < 0 || q >= end ? end : q + 1;
      continue;
    }
    if (c === '"') {
      i = skipDoubleQuoted(s, i + 1, end);
      continue;
    }
    if (c === '`') {
      i = skipBackquoted(s, i + 1, end);
      continue;
    }
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{') && s[i + 1] !== open) {
      i = skipBalanced(s, i + 1, end, s[i + 1]!, s[i + 1] === '(' ? ')' : '}');
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return end;
}
