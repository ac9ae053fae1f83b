// Addresses of the pack screens (bookmarkable: the tab is in the query string).
export function packPath(key: string, version: number, tab?: string): string {
  const base = `/studio/packs/${encodeURIComponent(key)}/${version}`;
  return tab ? `${base}?tab=${tab}` : base;
}

export function composerPath(key: string, from: number): string {
  return `/studio/packs/${encodeURIComponent(key)}/new?from=${from}`;
}
