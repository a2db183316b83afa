// godebug-duplicate-key: the same GODEBUG key twice in one written value. Go splits GODEBUG at
// commas and the last occurrence wins (go-facts.md §1.1, §10.1), so the earlier one is dead and
// the value does not say what a reader thinks. Two `//go:debug` lines for one key in a file are
// a build error (`repeated //go:debug for <key>`, §2.3).
import { goErrorText } from '../../knowledge/index.js';
import { locationText, settingName } from '../helpers.js';
import { eachFact, groupByWrittenValue, type Fact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-duplicate-key',
    description: 'The same GODEBUG key twice in one value (the last wins), or two //go:debug lines for one key (a build error).',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      duplicate: {
        message: 'GODEBUG key "{key}" appears twice in one value: "{item}" here is overridden by "{winner}" later in the same value (the last one wins)',
        help: 'keep one "{key}" entry with the value you want',
      },
      repeatedDirective: {
        message: 'GODEBUG key "{key}" has two //go:debug lines ("{item}" and "{winner}" at {where}): the go command stops with "{error}"',
        help: 'keep one //go:debug line for "{key}"',
      },
    },
  },
  check(context) {
    const facts = eachFact(context, 'GODEBUG', { includeNonLiteral: true });
    const report = (messageId: string, dead: Fact, winner: Fact) =>
      context.report({
        messageId,
        data: {
          key: dead.o.key ?? '',
          item: `${dead.o.key}=${dead.o.value.text}`,
          winner: `${winner.o.key}=${winner.o.value.text}`,
          where: locationText(winner.o),
          error: goErrorText('godebugDirectiveRepeated', dead.o.key ?? ''),
        },
        observation: dead.o,
        environment: dead.environment,
        variable: 'GODEBUG',
        key: dead.o.key,
        related: [{ span: winner.o.span, message: `${settingName('GODEBUG', winner.o.key)} set again here` }],
      });
    // //go:debug: per file, whatever the lines.
    const directives = new Map<string, Fact[]>();
    const other: Fact[] = [];
    for (const f of facts) {
      if (f.o.origin === 'go-debug-directive') {
        const k = `${f.o.span.path}\u0000${f.o.key}`;
        directives.set(k, [...(directives.get(k) ?? []), f]);
      } else other.push(f);
    }
    for (const list of directives.values()) {
      list.sort((a, b) => (a.o.span.start?.offset ?? 0) - (b.o.span.start?.offset ?? 0));
      for (let i = 1; i < list.length; i++) report('repeatedDirective', list[i]!, list[0]!);
    }
    for (const group of groupByWrittenValue(other)) {
      const byKey = new Map<string, Fact[]>();
      for (const f of group) if (f.o.key !== null) byKey.set(f.o.key, [...(byKey.get(f.o.key) ?? []), f]);
      for (const list of byKey.values()) {
        const winner = list[list.length - 1]!;
        for (const dead of list.slice(0, -1)) report('duplicate', dead, winner);
      }
    }
  },
};
