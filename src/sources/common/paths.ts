// Repository-relative paths ('/'-separated, no leading slash) as extractors resolve the files one
// file names: env files, kustomization resources, included pipelines.

/** Directory part of a repository-relative path ('' for the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Last path segment. */
export function baseOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** Joins and normalises repository-relative paths (`a/b` + `../c` → `a/c`); undefined when it leaves the root. */
export function joinPath(dir: string, rel: string): string | undefined {
  if (rel.startsWith('/')) return undefined;
  const parts = dir === '' ? [] : dir.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
