// A link into an editor names a row or node by id (?row=<rule id>, ?node=<step or task key>, as the simulator's
// provenance links do): its JSON pointer in the document is the first array entry under the body whose id
// (or key, or name) is that id.
type Json = unknown;

export function pointerOfId(document: Json, id: string): string | null {
  const body = (document as { body?: Json } | null)?.body;
  const queue: Array<{ value: Json; path: string }> = [{ value: body, path: "/body" }];
  while (queue.length) {
    const { value, path } = queue.shift()!;
    if (Array.isArray(value)) {
      const index = value.findIndex((entry) => entry && typeof entry === "object" && [
        (entry as Record<string, unknown>).id, (entry as Record<string, unknown>).key, (entry as Record<string, unknown>).name,
      ].includes(id));
      if (index >= 0) return `${path}/${index}`;
      value.forEach((entry, i) => queue.push({ value: entry, path: `${path}/${i}` }));
    } else if (value && typeof value === "object") {
      for (const [name, member] of Object.entries(value)) queue.push({ value: member, path: `${path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` });
    }
  }
  return null;
}
