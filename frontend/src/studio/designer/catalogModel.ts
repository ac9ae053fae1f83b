// The catalog body as the designer's tree: offerings, then what each reaches through its product specification's
// relationships (bundles, realizedAs; requires / excludes shown as links, not walked). Every change is a pure
// function from body to body, so it goes through draft.setDocument and undo / redo come for free.

export type Level = "offering" | "product" | "service" | "resource";
export type SpecLevel = Exclude<Level, "offering">;

export interface Ref { id: string; name?: string }
export interface Relationship { id: string; relationshipType: string; quantity?: number }
export interface Characteristic {
  name: string;
  valueType: string;
  description?: string;
  minCardinality?: number;
  unitOfMeasure?: string;
  characteristicValueSpecification?: { value: string | number | boolean; isDefault?: boolean }[];
  [other: string]: unknown;
}
export interface Offering {
  id: string;
  name: string;
  productSpecification: Ref;
  bundledProductOffering?: Ref[];
  productOfferingRelationship?: Relationship[];
  [other: string]: unknown;
}
export interface Spec {
  id: string;
  name: string;
  category?: string;
  [other: string]: unknown;
}
export interface CatalogBody {
  productOfferings: Offering[];
  productSpecifications: Spec[];
  serviceSpecifications?: Spec[];
  resourceSpecifications?: Spec[];
  [other: string]: unknown;
}

export const LISTS: Record<Level, keyof CatalogBody> = {
  offering: "productOfferings",
  product: "productSpecifications",
  service: "serviceSpecifications",
  resource: "resourceSpecifications",
};
export const CHARACTERISTICS: Record<SpecLevel, string> = {
  product: "productSpecCharacteristic",
  service: "specCharacteristic",
  resource: "resourceSpecCharacteristic",
};
export const RELATIONSHIPS: Record<SpecLevel, string> = {
  product: "productSpecificationRelationship",
  service: "serviceSpecRelationship",
  resource: "resourceSpecRelationship",
};
export const DEFS: Record<Level, string> = {
  offering: "productOffering",
  product: "productSpecification",
  service: "serviceSpecification",
  resource: "resourceSpecification",
};
export const WALKED = new Set(["bundles", "realizedAs"]);

export interface NodeRef { level: Level; id: string }

export interface TreeNode {
  /** unique in the tree: the path of ids from the root, "/"-joined */
  value: string;
  label: string;
  ref: NodeRef | null;
  /** how the parent reaches this node ("realizedAs", "bundles", "requires", "excludes", "specification") */
  via?: string;
  /** a link (requires / excludes), a node already shown above on this path, or an id the catalog lacks */
  kind: "node" | "link" | "cycle" | "missing" | "group";
  children?: TreeNode[];
}

function list(body: CatalogBody, level: Level): Spec[] {
  return ((body[LISTS[level]] as Spec[] | undefined) ?? []);
}

/** The level and entry of a specification id (ids are unique across the three spec lists). */
export function findSpec(body: CatalogBody, id: string): { level: SpecLevel; spec: Spec; index: number } | null {
  for (const level of ["product", "service", "resource"] as const) {
    const index = list(body, level).findIndex((spec) => spec.id === id);
    if (index >= 0) return { level, spec: list(body, level)[index], index };
  }
  return null;
}

export function findNode(body: CatalogBody, ref: NodeRef): Spec | Offering | undefined {
  return list(body, ref.level).find((entry) => entry.id === ref.id);
}

export function levelLabel(level: Level, spec?: Spec): string {
  if (level === "service") return spec?.category === "RFS" ? "RFS" : "CFS";
  return { offering: "Offering", product: "Product spec", resource: "Resource spec" }[level] ?? level;
}

function specNode(body: CatalogBody, id: string, path: string, seen: Set<string>, via: string): TreeNode {
  const value = `${path}/${id}`;
  const found = findSpec(body, id);
  if (!found) return { value, label: `${id} (not in the catalog)`, ref: null, via, kind: "missing" };
  const ref = { level: found.level, id } as NodeRef;
  const label = `${found.spec.name} · ${levelLabel(found.level, found.spec)}`;
  if (seen.has(id)) return { value, label: `${label} (cycle)`, ref, via, kind: "cycle" };
  const relationships = (found.spec[RELATIONSHIPS[found.level]] as Relationship[] | undefined) ?? [];
  const inner = new Set(seen).add(id);
  const children = relationships.map((rel, i) => WALKED.has(rel.relationshipType)
    ? specNode(body, rel.id, value, inner, rel.relationshipType)
    : { value: `${value}/${rel.relationshipType}:${rel.id}:${i}`, label: `${rel.relationshipType} ${rel.id}`,
        ref: findSpec(body, rel.id) ? { level: findSpec(body, rel.id)!.level, id: rel.id } : null,
        via: rel.relationshipType, kind: "link" as const });
  return { value, label, ref, via, kind: "node", children };
}

/** Offerings as roots, each with its product specification's realization below; then the specifications no
 *  offering reaches, so every entry of the catalog has a place in the tree. */
export function buildTree(body: CatalogBody): TreeNode[] {
  const reached = new Set<string>();
  const roots: TreeNode[] = body.productOfferings.map((offering) => {
    const value = `o:${offering.id}`;
    const children: TreeNode[] = [];
    const specId = offering.productSpecification?.id;
    if (specId) children.push(specNode(body, specId, value, new Set(), "specification"));
    for (const bundled of offering.bundledProductOffering ?? []) {
      children.push({ value: `${value}/bundles:${bundled.id}`, label: `bundles offering ${bundled.id}`,
                      ref: { level: "offering", id: bundled.id }, via: "bundles", kind: "link" });
    }
    for (const [i, rel] of (offering.productOfferingRelationship ?? []).entries()) {
      children.push({ value: `${value}/${rel.relationshipType}:${rel.id}:${i}`, label: `${rel.relationshipType} offering ${rel.id}`,
                      ref: { level: "offering", id: rel.id }, via: rel.relationshipType, kind: "link" });
    }
    return { value, label: `${offering.name} · Offering`, ref: { level: "offering", id: offering.id }, kind: "node", children };
  });
  const walk = (nodes: TreeNode[]) => nodes.forEach((node) => {
    if (node.kind === "node" && node.ref && node.ref.level !== "offering") reached.add(node.ref.id);
    walk(node.children ?? []);
  });
  walk(roots);
  const others: TreeNode[] = [];
  for (const level of ["product", "service", "resource"] as const) {
    for (const spec of list(body, level)) {
      if (!reached.has(spec.id)) others.push(specNode(body, spec.id, "unreached", new Set(), "none"));
    }
  }
  if (others.length) roots.push({ value: "unreached", label: "Specifications no offering reaches", ref: null, kind: "group", children: others });
  return roots;
}

/** Every value of the tree (to expand all). */
export function allValues(nodes: TreeNode[]): string[] {
  return nodes.flatMap((node) => [node.value, ...allValues(node.children ?? [])]);
}

// ---- changes (pure) ----

function mapList<T>(body: CatalogBody, level: Level, fn: (entries: T[]) => T[]): CatalogBody {
  return { ...body, [LISTS[level]]: fn(((body[LISTS[level]] as T[] | undefined) ?? [])) };
}

/** Replace one entry (offering or specification) by id. */
export function updateNode(body: CatalogBody, ref: NodeRef, next: Spec | Offering): CatalogBody {
  const renamed = next.id !== ref.id ? renameId(body, ref, next.id) : body;
  return mapList<Spec>(renamed, ref.level, (entries) => entries.map((entry) => (entry.id === next.id ? next : entry)));
}

/** A fresh id like base, base-2, base-3 … not used by any offering or specification. */
export function freeId(body: CatalogBody, base: string): string {
  const used = new Set((Object.keys(LISTS) as Level[]).flatMap((level) => list(body, level).map((e) => e.id)));
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Change an id and every reference to it (offering → spec, bundled offerings, relationships). */
export function renameId(body: CatalogBody, ref: NodeRef, to: string): CatalogBody {
  if (to === ref.id) return body;
  const swap = (id: string) => (id === ref.id ? to : id);
  const next: CatalogBody = { ...body };
  next.productOfferings = body.productOfferings.map((offering) => {
    let changed: Offering = ref.level === "offering" && offering.id === ref.id ? { ...offering, id: to } : offering;
    if (ref.level === "offering") {
      if (changed.bundledProductOffering) changed = { ...changed, bundledProductOffering: changed.bundledProductOffering.map((r) => ({ ...r, id: swap(r.id) })) };
      if (changed.productOfferingRelationship) changed = { ...changed, productOfferingRelationship: changed.productOfferingRelationship.map((r) => ({ ...r, id: swap(r.id) })) };
    } else if (changed.productSpecification?.id === ref.id) {
      changed = { ...changed, productSpecification: { ...changed.productSpecification, id: to } };
    }
    return changed;
  });
  if (ref.level !== "offering") {
    for (const level of ["product", "service", "resource"] as const) {
      if (!body[LISTS[level]]) continue;
      (next as Record<string, unknown>)[LISTS[level]] = list(body, level).map((spec) => {
        const key = RELATIONSHIPS[level];
        const rels = spec[key] as Relationship[] | undefined;
        const renamed = level === ref.level && spec.id === ref.id ? { ...spec, id: to } : spec;
        return rels ? { ...renamed, [key]: rels.map((r) => ({ ...r, id: swap(r.id) })) } : renamed;
      });
    }
  }
  return next;
}

/** Add a new entry; a specification under a parent specification gets a relationship from the parent. */
export function addNode(body: CatalogBody, level: Level, parent?: NodeRef, relationshipType = "realizedAs"): { body: CatalogBody; ref: NodeRef } {
  const prefix = { offering: "offering", product: "spec", service: "cfs", resource: "res" }[level];
  const id = freeId(body, `${prefix}-new`);
  let next: CatalogBody;
  if (level === "offering") {
    const spec = parent?.level === "product" ? parent.id : body.productSpecifications[0]?.id ?? "";
    next = mapList<Offering>(body, "offering", (entries) => [...entries, { id, name: "New offering", productSpecification: { id: spec } }]);
  } else {
    const entry: Spec = { id, name: `New ${levelLabel(level)}`.replace(" spec", " specification") };
    if (level === "service") entry.category = "CFS";
    next = mapList<Spec>(body, level, (entries) => [...entries, entry]);
  }
  if (parent && parent.level === "offering" && level === "product") {
    next = { ...next, productOfferings: next.productOfferings.map((o) => (o.id === parent.id ? { ...o, productSpecification: { id } } : o)) };
  } else if (parent && parent.level !== "offering" && level !== "offering") {
    next = addRelationship(next, parent.id, { id, relationshipType });
  }
  return { body: next, ref: { level, id } };
}

/** Remove an entry and every relationship that points at it (an offering's spec reference is left: lint says). */
export function removeNode(body: CatalogBody, ref: NodeRef): CatalogBody {
  let next = mapList<Spec>(body, ref.level, (entries) => entries.filter((entry) => entry.id !== ref.id));
  if (ref.level === "offering") {
    return { ...next, productOfferings: next.productOfferings.map((o) => ({
      ...o,
      ...(o.bundledProductOffering ? { bundledProductOffering: o.bundledProductOffering.filter((r) => r.id !== ref.id) } : {}),
      ...(o.productOfferingRelationship ? { productOfferingRelationship: o.productOfferingRelationship.filter((r) => r.id !== ref.id) } : {}),
    })) };
  }
  for (const level of ["product", "service", "resource"] as const) {
    const key = RELATIONSHIPS[level];
    next = mapList<Spec>(next, level, (entries) => entries.map((spec) => (spec[key]
      ? { ...spec, [key]: (spec[key] as Relationship[]).filter((r) => r.id !== ref.id) } : spec)));
    if (!body[LISTS[level]]) delete (next as Record<string, unknown>)[LISTS[level]];
  }
  return next;
}

function mapSpec(body: CatalogBody, specId: string, fn: (spec: Spec, level: SpecLevel) => Spec): CatalogBody {
  const found = findSpec(body, specId);
  if (!found) return body;
  return mapList<Spec>(body, found.level, (entries) => entries.map((spec) => (spec.id === specId ? fn(spec, found.level) : spec)));
}

export function relationshipsOf(body: CatalogBody, specId: string): Relationship[] {
  const found = findSpec(body, specId);
  return found ? ((found.spec[RELATIONSHIPS[found.level]] as Relationship[] | undefined) ?? []) : [];
}

export function addRelationship(body: CatalogBody, specId: string, relationship: Relationship): CatalogBody {
  return mapSpec(body, specId, (spec, level) => ({ ...spec, [RELATIONSHIPS[level]]: [...((spec[RELATIONSHIPS[level]] as Relationship[]) ?? []), relationship] }));
}

export function setRelationships(body: CatalogBody, specId: string, relationships: Relationship[]): CatalogBody {
  return mapSpec(body, specId, (spec, level) => {
    const { [RELATIONSHIPS[level]]: _dropped, ...rest } = spec;
    return relationships.length ? { ...rest, [RELATIONSHIPS[level]]: relationships } as Spec : rest as Spec;
  });
}

export function characteristicsOf(body: CatalogBody, specId: string): Characteristic[] {
  const found = findSpec(body, specId);
  return found ? ((found.spec[CHARACTERISTICS[found.level]] as Characteristic[] | undefined) ?? []) : [];
}

export function setCharacteristics(body: CatalogBody, specId: string, characteristics: Characteristic[]): CatalogBody {
  return mapSpec(body, specId, (spec, level) => {
    const { [CHARACTERISTICS[level]]: _dropped, ...rest } = spec;
    return characteristics.length ? { ...rest, [CHARACTERISTICS[level]]: characteristics } as Spec : rest as Spec;
  });
}

/** A characteristic name not yet used on the spec: attribute, attribute2 … */
export function freeCharacteristicName(existing: Characteristic[], base = "attribute"): string {
  const used = new Set(existing.map((c) => c.name));
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/** The tree value to highlight for a ref: `preferred` when it still shows that ref, else the first node that does. */
export function valueOf(nodes: TreeNode[], ref: NodeRef, preferred?: string): string | null {
  let first: string | null = null;
  const walk = (list: TreeNode[]): boolean => list.some((node) => {
    if (node.kind === "node" && node.ref?.level === ref.level && node.ref.id === ref.id) {
      if (node.value === preferred) { first = node.value; return true; }
      first ??= node.value;
    }
    return walk(node.children ?? []);
  });
  walk(nodes);
  return first;
}

/** The ids of the entries a problem points into (/body/productSpecifications/3/... → that spec's id). */
export function idsWithProblems(body: CatalogBody, pointers: string[]): Set<string> {
  const found = new Set<string>();
  for (const pointer of pointers) {
    const [, root, list, index] = pointer.split("/");
    if (root !== "body" || index === undefined) continue;
    const entry = (body[list] as { id?: string }[] | undefined)?.[Number(index)];
    if (entry?.id) found.add(entry.id);
  }
  return found;
}
