// GNU make syntax, as far as godrift needs it: logical lines, variable assignments (global and
// target-specific), export/unexport, rules and their recipes. No evaluation of conditionals or
// functions; see README.md for the limits.

/** Text built from the file with the file offset of every character. */
export interface Mapped {
  text: string;
  /** offsets[i] is the file offset of text[i] (0-based UTF-16). */
  offsets: number[];
}

export type AssignOp = '=' | ':=' | '::=' | ':::=' | '?=' | '+=' | '!=';

/** One `NAME op value` (global or target-specific). */
export interface MakeAssignment {
  name: string;
  op: AssignOp;
  /** The value as written (comment removed, `\#` unescaped, continuations collapsed). */
  value: Mapped;
  /** `export` written on this line. */
  exported: boolean;
  override: boolean;
  /** Target list as written, for target-specific variables. */
  targets?: string;
  /** File offset of the name (for diagnostics). */
  at: number;
  /** File offset just after the operator (where an empty value sits). */
  opEnd: number;
  /** Written inside an `ifeq`/`ifneq`/`ifdef`/`ifndef` block: make may or may not run it. */
  conditional: boolean;
}

/** One recipe command line: the physical lines it spans (continuations included). */
export interface RecipeLine {
  /** [start, end) file offsets of each physical line, without its newline. */
  lines: { start: number; end: number }[];
  /** For the first line of an inline recipe (`target: ; cmd`), the file offset where the command starts. */
  inlineStart?: number;
  /** The recipe prefix in force (`\t`, or `.RECIPEPREFIX`). */
  prefix: string;
}

export interface MakeRule {
  /** Targets as written (`test test-race`). */
  targets: string;
  recipe: RecipeLine[];
}

/** A directive that changes the export attribute of variables, in file order. */
export interface ExportDirective {
  kind: 'export' | 'unexport';
  /** Names; empty for a bare `export` / `unexport` (all variables). */
  names: string[];
}

export interface MakeProblem {
  offset: number;
  message: string;
}

/** Statements in file order (order matters for `:=`, `+=` and export state). */
export type Statement =
  | { kind: 'assign'; assignment: MakeAssignment }
  | { kind: 'export'; directive: ExportDirective }
  | { kind: 'undefine'; name: string };

export interface ParsedMakefile {
  statements: Statement[];
  rules: MakeRule[];
  /** `.ONESHELL:` appears: each recipe runs in one shell. */
  oneShell: boolean;
  problems: MakeProblem[];
}

const ASSIGNMENT =
  /^((?:(?:override|export|private)\s+)*)([^\s:#=]+?)\s*(:::=|::=|:=|\?=|\+=|!=|=)/;
const CONDITIONAL = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif)(?:\s|$|\()/;
const DEFINE = /^(?:(?:override|export|private)\s+)*define(?:\s|$)/;

/** Physical lines: [start, end) offsets without the newline (and without a trailing CR). */
function physicalLines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? text.length : nl;
    if (end > pos && text[end - 1] === '\r') end--;
    out.push({ start: pos, end });
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}

/** True when the line ends in an odd number of backslashes (a continuation). */
function continues(text: string, line: { start: number; end: number }): boolean {
  let k = 0;
  for (let i = line.end - 1; i >= line.start && text[i] === '\\'; i--) k++;
  return k % 2 === 1;
}

/**
 * A makefile (non-recipe) logical line: continuations collapse to one space with the blanks around
 * them (GNU make, not POSIX mode), an unescaped `#` starts a comment to the end of the logical
 * line, `\#` is a literal `#`.
 */
function makefileLine(text: string, lines: { start: number; end: number }[]): Mapped {
  const joined: Mapped = { text: '', offsets: [] };
  lines.forEach((line, idx) => {
    let s = line.start;
    let e = line.end;
    const last = idx === lines.length - 1;
    if (idx > 0) while (s < e && /[ \t]/.test(text[s]!)) s++;
    if (!last) {
      e--; // the continuation backslash
      while (e > s && /[ \t]/.test(text[e - 1]!)) e--;
    }
    for (let k = s; k < e; k++) {
      joined.text += text[k];
      joined.offsets.push(k);
    }
    if (!last) {
      joined.text += ' ';
      joined.offsets.push(line.end - 1);
    }
  });
  const out: Mapped = { text: '', offsets: [] };
  for (let i = 0; i < joined.text.length; i++) {
    const c = joined.text[i]!;
    if (c === '\\' && joined.text[i + 1] === '#') {
      out.text += '#';
      out.offsets.push(joined.offsets[i + 1]!);
      i++;
      continue;
    }
    if (c === '#') break;
    out.text += c;
    out.offsets.push(joined.offsets[i]!);
  }
  return out;
}

function slice(m: Mapped, from: number, to = m.text.length): Mapped {
  return { text: m.text.slice(from, to), offsets: m.offsets.slice(from, to) };
}

function trimStart(m: Mapped): Mapped {
  let i = 0;
  while (i < m.text.length && /[ \t]/.test(m.text[i]!)) i++;
  return slice(m, i);
}

/** Index of the rule colon in a makefile line, skipping `$(…)` references; -1 when none. */
function ruleColon(t: string): number {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) {
      depth++;
      i++;
    } else if (depth > 0 && (c === ')' || c === '}')) depth--;
    else if (depth === 0 && c === ':') {
      // `C:\path` style drive letters are not GNU make on Linux; `:=` is an assignment, not a rule.
      if (t[i + 1] === '=') return -1;
      return i;
    } else if (depth === 0 && c === '=') return -1;
  }
  return -1;
}

/** An assignment at the start of `m`, or undefined. */
function readAssignment(m: Mapped, targets?: string): MakeAssignment | undefined {
  const match = ASSIGNMENT.exec(m.text);
  if (!match) return undefined;
  const prefixes = match[1]!.split(/\s+/).filter(Boolean);
  const name = match[2]!;
  const op = match[3] as AssignOp;
  const value = trimStart(slice(m, match[0].length));
  return {
    name,
    op,
    value,
    exported: prefixes.includes('export'),
    override: prefixes.includes('override'),
    ...(targets !== undefined ? { targets } : {}),
    at: m.offsets[match[1]!.length] ?? 0,
    opEnd: (m.offsets[match[0].length - 1] ?? 0) + 1,
    conditional: false,
  };
}

/** Parses a makefile. Never throws. */
export function parseMakefile(text: string): ParsedMakefile {
  const lines = physicalLines(text);
  const statements: Statement[] = [];
  const rules: MakeRule[] = [];
  const problems: MakeProblem[] = [];
  let recipePrefix = '\t';
  let rule: MakeRule | undefined;
  let oneShell = false;
  let define: { at: number; depth: number } | undefined;
  let conditionalDepth = 0;

  let li = 0;
  while (li < lines.length) {
    const first = lines[li]!;
    // Gather the physical lines of this logical line.
    let last = li;
    while (last + 1 < lines.length && continues(text, lines[last]!)) last++;
    const group = lines.slice(li, last + 1);
    li = last + 1;

    if (define) {
      // define bodies are not makefile syntax; only nesting and `endef` matter.
      const t = text.slice(first.start, first.end).trim();
      if (DEFINE.test(t)) define.depth++;
      else if (/^endef(?:\s|$)/.test(t) && --define.depth === 0) define = undefined;
      continue;
    }

    if (rule && text[first.start] === recipePrefix && first.end > first.start) {
      rule.recipe.push({ lines: group, prefix: recipePrefix });
      continue;
    }

    const m = makefileLine(text, group);
    const lead = trimStart(m);
    const t = lead.text.trimEnd();
    if (t === '') continue; // blank or comment: a rule's recipe may go on
    if (CONDITIONAL.test(t)) {
      // Conditionals are not evaluated (see README): both branches are read, and what they
      // assign is marked so its value is not taken as certain.
      if (/^if/.test(t)) conditionalDepth++;
      else if (/^endif/.test(t)) conditionalDepth = Math.max(0, conditionalDepth - 1);
      continue;
    }
    rule = undefined;

    if (DEFINE.test(t)) {
      define = { at: lead.offsets[0] ?? first.start, depth: 1 };
      continue;
    }
    if (/^endef(?:\s|$)/.test(t)) {
      problems.push({ offset: lead.offsets[0]!, message: 'endef without define' });
      continue;
    }
    const directive = /^(export|unexport|undefine)(?:\s+(.*))?$/.exec(t);
    if (directive && !ASSIGNMENT.test(t)) {
      const names = (directive[2] ?? '').split(/\s+/).filter(Boolean);
      if (directive[1] === 'undefine') names.forEach((name) => statements.push({ kind: 'undefine', name }));
      else statements.push({ kind: 'export', directive: { kind: directive[1] as 'export' | 'unexport', names } });
      continue;
    }
    if (/^-?(?:include|sinclude)\s/.test(t) || /^vpath(?:\s|$)/.test(t)) continue;

    const assignment = readAssignment(lead);
    if (assignment) {
      assignment.conditional = conditionalDepth > 0;
      if (assignment.name === '.RECIPEPREFIX') recipePrefix = assignment.value.text[0] ?? '\t';
      statements.push({ kind: 'assign', assignment });
      continue;
    }

    const colon = ruleColon(t);
    // A line that is only a function call ($(eval …), $(foreach …), $(error …), $(info …))
    // expands to rules or messages at make time: valid make, nothing we can read statically.
    if (colon < 0 && /^\$[({]/.test(t)) continue;
    if (colon < 0) {
      problems.push({ offset: lead.offsets[0]!, message: 'not a rule, assignment or directive (missing separator)' });
      continue;
    }
    const targets = t.slice(0, colon).trim();
    let restAt = colon + 1;
    if (t[restAt] === ':') restAt++; // double-colon rule
    const rest = trimStart(slice(lead, restAt, t.length));
    // Target-specific variable: `targets: [export|override|private] NAME op value`.
    const targetAssignment = readAssignment(rest, targets);
    if (targetAssignment) {
      targetAssignment.conditional = conditionalDepth > 0;
      statements.push({ kind: 'assign', assignment: targetAssignment });
      continue;
    }
    if (/^\.ONESHELL$/.test(targets)) oneShell = true;
    rule = { targets, recipe: [] };
    rules.push(rule);
    // `targets: prerequisites ; command` — the command is the first recipe line. The comment
    // stripping above does not apply to it: re-read it from the file.
    const semi = rest.text.indexOf(';');
    if (semi >= 0) {
      const start = rest.offsets[semi]! + 1;
      const end = group[group.length - 1]!.end;
      const inlineLines = group.filter((l) => l.end >= start).map((l) => (l.start <= start ? { start, end: l.end } : l));
      if (inlineLines.length > 0 && start <= end) rule.recipe.push({ lines: inlineLines, inlineStart: start, prefix: recipePrefix });
    }
  }
  if (define) problems.push({ offset: define.at, message: 'define without endef' });
  return { statements, rules, oneShell, problems };
}
