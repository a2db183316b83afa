// inline-ignore: judges `godrift-ignore` comments themselves, once every other rule has run.
// - `stale`: a directive names a rule that reports nothing on its line or the next, so it
//   silences nothing today and would silently hide a future finding there (peers.md: ignores
//   that silently don't apply). Reported with or without --no-inline-ignores, and only when the
//   whole repository was scanned (a partial scan cannot know what the other files contribute).
// - `unknownRule`: the directive names no godrift rule (a typo never matches).
// - `forbidden`: under --no-inline-ignores every directive is a finding (CI that forbids them).
// The engine parses the comments and records which rule ids matched; this rule only decides.
import { closestMatch } from '../../core/suggest.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'inline-ignore',
    description: 'A godrift-ignore comment that is stale, names an unknown rule, or is forbidden by --no-inline-ignores.',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      stale: {
        message: 'godrift-ignore "{rule}" suppresses nothing: the rule reports no finding on this line or the next',
        help: 'remove "{rule}" from the comment (the setting it excused is gone or fixed)',
      },
      unknownRule: {
        message: 'godrift-ignore names "{rule}", which is not a godrift rule{suggestion}',
        help: 'use a rule id from `godrift scan` output (the [rule-id] at the end of a finding)',
      },
      forbidden: {
        message: 'godrift-ignore "{rules}" is not allowed with --no-inline-ignores (reason given: "{reason}")',
        help: 'fix the finding, or record it in the baseline file (`godrift baseline`) instead of an inline comment',
      },
    },
  },
  check() {
    // Nothing to judge before the other rules have reported: see reviewSuppressions.
  },
  reviewSuppressions(context, review) {
    for (const d of review.directives) {
      const base = { span: d.span, environment: 'unknown' as const, variable: 'godrift-ignore' };
      if (!review.inlineIgnores) {
        context.report({
          ...base,
          messageId: 'forbidden',
          data: { rules: d.ruleIds.join(','), reason: d.reason },
          key: d.ruleIds.join(','),
          severity: 'error',
          fingerprintExtra: d.reason,
        });
      }
      for (const id of d.ruleIds) {
        if (!review.ruleIds.includes(id)) {
          const near = closestMatch(id, review.ruleIds);
          context.report({ ...base, messageId: 'unknownRule', data: { rule: id, suggestion: near ? `; did you mean "${near}"?` : '' }, key: id, fingerprintExtra: d.reason });
          continue;
        }
        if (!review.complete || review.disabledRuleIds.includes(id) || d.usedRuleIds.includes(id)) continue;
        context.report({ ...base, messageId: 'stale', data: { rule: id }, key: id, fingerprintExtra: d.reason });
      }
    }
  },
};
