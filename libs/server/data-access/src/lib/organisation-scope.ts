/** The materialised path of a child of a parent at `parentPath` (or of a root). */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Whether `path` lies in the subtree rooted at `rootPath` (itself included). */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
