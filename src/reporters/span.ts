// How reporters name a place. A span in a binary or an image layer has no lines: its `logical`
// path names where inside the file the fact sits. The artifact reader starts that path with the
// file itself, as core/types.ts's example does (`["image.tar", "layer sha256:…", "/usr/bin/app",
// "build info", "GOEXPERIMENT"]`), while `span.path` also holds the file: the reporters show the
// file once.
import type { Span } from '../core/types.js';

/** The names inside the file, outermost first: `logical` without a leading copy of `path`. */
export function insideFile(span: Span): string[] {
  const logical = span.logical ?? [];
  return logical[0] === span.path ? logical.slice(1) : logical;
}

/**
 * Maps a path relative to the scanned root to one relative to the repository root (prefixing
 * the scanned directory, e.g. `services/api/`), for formats read against the repository.
 */
export function repositoryPaths(input: { root: string; repositoryRoot: string }): (path: string) => string {
  const repo = input.repositoryRoot.replace(/\/+$/, '');
  const root = input.root.replace(/\/+$/, '');
  const prefix = root !== repo && root.startsWith(`${repo}/`) ? `${root.slice(repo.length + 1)}/` : '';
  return (path) => prefix + path;
}

/** `path:line:col` for text, `path › name › …` for a binary or an image layer. */
export function placeOf(span: Span): string {
  if (span.start) return `${span.path}:${span.start.line}:${span.start.column}`;
  return [span.path, ...insideFile(span)].join(' › ');
}
