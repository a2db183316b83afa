// Docker Compose files: services.<name>.environment (list and map forms), env_file (read and
// reported with spans in the env file), deploy.resources and the legacy mem_limit/cpus keys.
// See README.md for what is and is not covered.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, Origin, ScopeLevel } from '../../core/types.js';
import { CONTEXT_VARIABLES } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { baseOf, dirOf, joinPath } from '../common/paths.js';
import { parseDotenvDetailed } from '../dotenv/parse.js';
import type { Extractor, ExtractResult, SourceContext, SourceFile } from '../types.js';
import { get, getPath, locSpan, parseYaml, str, verbatimRange } from '../yaml-common/index.js';
import type { LNode, Loc } from '../yaml-common/index.js';
import { composeInterpolation } from './interpolation.js';

const COMPOSE_NAME = /^(?:compose(?:\.[^/]+)?|docker-compose[^/]*)\.ya?ml$/;

/** `compose.yaml`, `compose.yml`, `compose.<x>.yaml`, `docker-compose*.yml|yaml`. */
export function isComposePath(path: string): boolean {
  return COMPOSE_NAME.test(baseOf(path));
}

/** `compose.prod.yaml` / `docker-compose.prod.yml` / `docker-compose-prod.yml` → `prod`. */
export function composeVariant(path: string): string | undefined {
  const m = /^(?:compose|docker-compose)[.-](.+)\.ya?ml$/.exec(baseOf(path));
  return m?.[1];
}

export const composeExtractor: Extractor = {
  id: 'compose',
  matches(path: string): boolean {
    return isComposePath(path);
  },
  extract(file: SourceFile, context: SourceContext): ExtractResult {
    try {
      return extractCompose(file, context);
    } catch (err) {
      return { observations: [], diagnostics: [{ path: file.path, severity: 'error', code: 'internal-error', message: `compose extractor failed: ${String(err)}` }] };
    }
  },
};

function extractCompose(file: SourceFile, context: SourceContext): ExtractResult {
  const lines = new LineIndex(file.text);
  const parsed = parseYaml(file.path, file.text, { lines });
  const observations: Observation[] = [];
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const variant = composeVariant(file.path);
  const extra = variant !== undefined ? { variant } : {};
  const envFileLines = new Map<string, LineIndex | undefined>();

  const env = (loc: Loc, name: string, value: string, literal: boolean, origin: Origin, scope: ScopeLevel[], start = loc.start, end = loc.end) => {
    observations.push(...assignmentObservations({ path: loc.path, lines: loc.lines, name, value, valueStart: start, valueEnd: end, literal, origin, scope, phase: 'run', ...extra }));
  };
  const context_ = (variable: string, node: LNode | undefined, scope: ScopeLevel[]) => {
    if (node?.kind !== 'scalar' || node.isNull) return;
    observations.push({ variable, key: null, value: { text: node.value, literal: true }, span: locSpan(node.loc), origin: 'compose-env', scope, phase: 'run', ...extra });
  };

  for (const doc of parsed.documents) {
    const services = get(doc.root, 'services');
    if (services?.kind !== 'map') continue;
    for (const svc of services.entries) {
      const scope: ScopeLevel[] = [{ kind: 'service', name: svc.key }];
      const s = svc.value;
      observations.push({ variable: CONTEXT_VARIABLES.container, key: null, value: { text: svc.key, literal: true }, span: locSpan(svc.keyLoc), origin: 'compose-env', scope, phase: 'run', ...extra });

      // env_file first: `environment` overrides it (Compose docs, "Set environment variables").
      const envFiles = get(s, 'env_file');
      const fileEntries = envFiles?.kind === 'seq' ? envFiles.items : envFiles ? [envFiles] : [];
      for (const ef of fileEntries) {
        const pathNode = ef.kind === 'map' ? get(ef, 'path') : ef;
        const rel = str(pathNode);
        if (rel === undefined || pathNode === undefined) continue;
        const required = str(get(ef, 'required')) !== 'false';
        const target = joinPath(dirOf(file.path), rel);
        const text = target === undefined ? undefined : context.readFile(target);
        if (target === undefined || text === undefined) {
          if (required || target === undefined) {
            const p = lines.position(pathNode.loc.start);
            diagnostics.push({ path: file.path, line: p.line, column: p.column, severity: 'warning', code: 'missing-file', message: `env_file '${rel}' cannot be read${target === undefined ? ' (outside the scanned tree)' : ''}; its variables are unknown` });
          }
          continue;
        }
        let efLines = envFileLines.get(target);
        if (!efLines) envFileLines.set(target, (efLines = new LineIndex(text)));
        const { entries, errors } = parseDotenvDetailed(text, { dialect: 'compose' });
        for (const p of errors) {
          const pos = efLines.position(p.offset);
          diagnostics.push({ path: target, line: pos.line, column: pos.column, severity: 'warning', code: 'parse-error', message: p.message });
        }
        for (const e of entries) {
          const loc: Loc = { path: target, lines: efLines, start: e.valueStart, end: e.valueEnd };
          if (e.inherited) {
            env({ ...loc, start: e.nameStart, end: e.nameStart + e.name.length }, e.name, '', false, 'compose-env-file', scope);
            continue;
          }
          const x = e.quote === 'single' ? { text: e.value, literal: true } : composeInterpolation(e.value);
          env(loc, e.name, x.text, x.literal, 'compose-env-file', scope);
        }
      }

      const environment = get(s, 'environment');
      if (environment?.kind === 'map') {
        for (const e of environment.entries) {
          const v = e.value;
          if (v.kind !== 'scalar') continue;
          // `NAME:` with no value: taken from the shell running compose.
          if (v.isNull) env(e.keyLoc, e.key, '', false, 'compose-env', scope);
          else {
            const x = composeInterpolation(v.value);
            env(v.loc, e.key, x.text, x.literal, 'compose-env', scope);
          }
        }
      } else if (environment?.kind === 'seq') {
        for (const item of environment.items) {
          if (item.kind !== 'scalar' || item.isNull) continue;
          const eq = item.value.indexOf('=');
          const name = eq < 0 ? item.value : item.value.slice(0, eq);
          const r = verbatimRange(item.loc, item.value);
          if (eq < 0) {
            env(item.loc, name, '', false, 'compose-env', scope, r?.start, r?.end);
            continue;
          }
          const x = composeInterpolation(item.value.slice(eq + 1));
          // `- NAME=value`: the span is the part after `=` when written verbatim.
          if (r) env(item.loc, name, x.text, x.literal, 'compose-env', scope, r.start + eq + 1, r.end);
          else env(item.loc, name, x.text, x.literal, 'compose-env', scope);
        }
      }

      const res = getPath(s, 'deploy', 'resources');
      context_(CONTEXT_VARIABLES.limitsMemory, getPath(res, 'limits', 'memory') ?? get(s, 'mem_limit'), scope);
      context_(CONTEXT_VARIABLES.limitsCpu, getPath(res, 'limits', 'cpus') ?? get(s, 'cpus'), scope);
      context_(CONTEXT_VARIABLES.requestsMemory, getPath(res, 'reservations', 'memory') ?? get(s, 'mem_reservation'), scope);
      context_(CONTEXT_VARIABLES.requestsCpu, getPath(res, 'reservations', 'cpus'), scope);
    }
  }
  return { observations, diagnostics };
}
