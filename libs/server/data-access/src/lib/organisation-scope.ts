/** The materialised path of a child of a parent at `parentPath` (or of a root). */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Whether `path` lies in the subtree rooted at `rootPath` (itself included). */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/**
 * The path of the root of the tree `path` belongs to: `/1/` for anything under organisation 1.
 * The root is the top of the tree whatever its kind (a province, or the demo's district).
 */
export function treeRootPath(path: string): string {
  const first = path.split('/').filter(Boolean)[0];
  return `/${first}/`;
}

/** Whether the organisation at `path` is the top of its tree. */
export function isTreeRoot(path: string): boolean {
  return path.split('/').filter(Boolean).length === 1;
}

/**
 * Text as a LIKE pattern that matches it literally: `%`, `_` and the escape character `\`
 * (MariaDB's default) lose their special meaning. Every LIKE built from data goes through it.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern for everything that starts with `prefix` taken literally. */
export function startsWithPattern(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}
