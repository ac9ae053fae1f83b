// A local copy of unsaved work in localStorage, so a crash or a closed tab loses nothing: written while the
// editor is dirty, removed on save or discard, offered back when the same version opens again.
export interface LocalCopy<T> {
  basedOnRevision: number;
  savedAt: string;
  document: T;
}

const PREFIX = "ordo.unsaved.";

export function readLocalCopy<T>(id: string): LocalCopy<T> | null {
  try {
    const text = localStorage.getItem(PREFIX + id);
    return text ? (JSON.parse(text) as LocalCopy<T>) : null;
  } catch {
    return null;
  }
}

export function writeLocalCopy<T>(id: string, copy: LocalCopy<T>): void {
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify(copy));
  } catch {
    // storage full or disabled: the dirty marker and the leave warning still protect the work
  }
}

export function dropLocalCopy(id: string): void {
  try {
    localStorage.removeItem(PREFIX + id);
  } catch {
    // nothing to drop
  }
}
