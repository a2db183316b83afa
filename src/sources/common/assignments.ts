// Turns one `NAME=value` assignment found by an extractor into observations. This is the only
// place that knows GODEBUG is split into keys and GOEXPERIMENT into names, so every extractor
// produces the same facts with the same sub-spans.
import type { LineIndex } from '../../core/text.js';
import type { Observation, Origin, Phase, ScopeLevel, ValueRef } from '../../core/types.js';
import { trackedVariable } from '../../knowledge/variables.js';

export interface Assignment {
  path: string;
  lines: LineIndex;
  /** Variable name as written. */
  name: string;
  /** The value after the format's unquoting (what the program sees). */
  value: string;
  /** Offsets of the value as written in the file, quotes included: [valueStart, valueEnd). */
  valueStart: number;
  valueEnd: number;
  /** False when the value holds an expression godrift cannot resolve. Defaults to true. */
  literal?: boolean;
  ref?: ValueRef;
  origin: Origin;
  scope: ScopeLevel[];
  phase: Phase;
  goVersion?: string;
  variant?: string;
}

/**
 * Observations for an assignment; [] when the name is not a tracked Go variable.
 * For keyed and list variables each item gets the span of its own text when it can be found
 * verbatim inside the written value (no escapes in between); otherwise the whole value's span.
 */
export function assignmentObservations(a: Assignment): Observation[] {
  const tracked = trackedVariable(a.name);
  if (!tracked) return [];
  const literal = a.literal ?? true;
  const base = {
    variable: a.name,
    origin: a.origin,
    scope: a.scope,
    phase: a.phase,
    ...(a.goVersion !== undefined ? { goVersion: a.goVersion } : {}),
    ...(a.variant !== undefined ? { variant: a.variant } : {}),
  };
  const wholeSpan = a.lines.span(a.path, a.valueStart, a.valueEnd);
  if (tracked.shape === 'scalar' || !literal || a.value === '') {
    return [
      {
        ...base,
        key: null,
        value: { text: a.value, literal, ...(a.ref ? { ref: a.ref } : {}) },
        span: wholeSpan,
      },
    ];
  }
  const written = a.lines.text.slice(a.valueStart, a.valueEnd);
  const out: Observation[] = [];
  const items = splitItems(a.value);
  // A value built from an expansion (`GOEXPERIMENT := ${GOEXPERIMENT},simd`): items that came
  // from the expansion must not take the place of a literal item with the same text further on.
  const aligned = /\$/.test(written) ? alignAroundExpansions(written, items) : undefined;
  let searchFrom = 0;
  for (const [index, item] of items.entries()) {
    const key = tracked.shape === 'keyed' ? keyOf(item.text) : experimentKey(item.text.trim());
    if (key === undefined) continue;
    const at = aligned ? aligned[index]! : written.indexOf(item.text, searchFrom);
    const span =
      at >= 0 && item.text.length > 0
        ? a.lines.span(a.path, a.valueStart + at, a.valueStart + at + item.text.length)
        : wholeSpan;
    if (at >= 0) searchFrom = at + item.text.length;
    const eq = item.text.indexOf('=');
    const text = tracked.shape === 'keyed' ? (eq < 0 ? '' : item.text.slice(eq + 1)) : experimentValue(item.text.trim());
    const noEquals = tracked.shape === 'keyed' && eq < 0;
    out.push({ ...base, key, value: { text, literal: true, ...(noEquals ? { noEquals: true as const } : {}) }, span });
  }
  return out;
}

interface Item {
  text: string;
}

/**
 * Offsets (in `written`) of the items that a literal comma-separated field of the written value
 * holds, matched from both ends up to the first field that holds a `$` expansion; -1 for items
 * that come from an expansion (they get the whole value's span).
 */
function alignAroundExpansions(written: string, items: Item[]): number[] {
  const fields: Array<{ text: string; at: number }> = [];
  let start = 0;
  for (let i = 0; i <= written.length; i++) {
    if (i < written.length && written[i] !== ',') continue;
    let s = start;
    let e = i;
    while (s < e && (written[s] === '"' || written[s] === "'")) s++;
    while (e > s && (written[e - 1] === '"' || written[e - 1] === "'")) e--;
    fields.push({ text: written.slice(s, e), at: s });
    start = i + 1;
  }
  const out = items.map(() => -1);
  let i = 0;
  for (; i < fields.length && i < items.length && !fields[i]!.text.includes('$') && fields[i]!.text === items[i]!.text; i++) out[i] = fields[i]!.at;
  for (let f = fields.length - 1, k = items.length - 1; f >= 0 && k >= i && !fields[f]!.text.includes('$') && fields[f]!.text === items[k]!.text; f--, k--) out[k] = fields[f]!.at;
  return out;
}

/** Comma-separated items, as Go splits GODEBUG and GOEXPERIMENT (empty fields dropped). */
function splitItems(value: string): Item[] {
  return value
    .split(',')
    .filter((t) => t.length > 0)
    .map((text) => ({ text }));
}

/**
 * GODEBUG key of one `key=value` field. Go ignores fields without `=` (go-facts.md §10.1), but a
 * user who wrote one meant something: keep it with an empty value so rules can say so.
 */
function keyOf(field: string): string | undefined {
  const eq = field.indexOf('=');
  const key = eq < 0 ? field : field.slice(0, eq);
  return key.length > 0 ? key : undefined;
}

/**
 * GOEXPERIMENT items are facts about one experiment: `noloopvar` and `loopvar` are the same
 * setting (key `loopvar`) with values `off` and `on`, so drift between them is seen. `none`
 * (which switches every experiment off, go-facts.md §3.1) stays key `none`, value `on`.
 * No experiment name in any release starts with "no" (go-facts.md §3.2), so the prefix is safe.
 */
function experimentKey(item: string): string | undefined {
  if (item === '') return undefined;
  if (item === 'none') return 'none';
  return item.startsWith('no') && item.length > 2 ? item.slice(2) : item;
}

function experimentValue(item: string): string {
  return item !== 'none' && item.startsWith('no') && item.length > 2 ? 'off' : 'on';
}
