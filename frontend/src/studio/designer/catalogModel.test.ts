import { describe, expect, it } from "vitest";
import {
  addNode, addRelationship, allValues, buildTree, idsWithProblems, characteristicsOf, freeCharacteristicName, freeId, removeNode,
  renameId, setCharacteristics, type CatalogBody,
} from "./catalogModel";
import { defaultValue, formatAllowed, parseValue, withAllowed, withDefault, withRequired, withValueType } from "./characteristics";

const body = (): CatalogBody => ({
  productOfferings: [
    { id: "fibre", name: "Fibre", productSpecification: { id: "spec-fibre" } },
    { id: "adsl", name: "ADSL", productSpecification: { id: "spec-adsl" }, productOfferingRelationship: [{ id: "fibre", relationshipType: "excludes" }] },
  ],
  productSpecifications: [
    { id: "spec-fibre", name: "Fibre access",
      productSpecCharacteristic: [{ name: "bandwidth", valueType: "string" }],
      productSpecificationRelationship: [{ id: "cfs-internet", relationshipType: "realizedAs" }, { id: "spec-adsl", relationshipType: "excludes" }] },
    { id: "spec-adsl", name: "ADSL access" },
    { id: "spec-orphan", name: "Orphan" },
  ],
  serviceSpecifications: [
    { id: "cfs-internet", name: "Internet", category: "CFS", serviceSpecRelationship: [{ id: "res-ont", relationshipType: "realizedAs" }] },
  ],
  resourceSpecifications: [{ id: "res-ont", name: "ONT" }],
});

describe("buildTree", () => {
  it("walks offering → product spec → CFS → resource, shows links and unreached specs", () => {
    const tree = buildTree(body());
    expect(tree.map((n) => n.label)).toEqual(["Fibre · Offering", "ADSL · Offering", "Specifications no offering reaches"]);
    const spec = tree[0].children![0];
    expect(spec.label).toBe("Fibre access · Product spec");
    expect(spec.children!.map((c) => [c.label, c.kind])).toEqual([["Internet · CFS", "node"], ["excludes spec-adsl", "link"]]);
    expect(spec.children![0].children![0].label).toBe("ONT · Resource spec");
    expect(tree[1].children![1]).toMatchObject({ kind: "link", label: "excludes offering fibre" });
    expect(tree[2].children!.map((n) => n.ref?.id)).toEqual(["spec-orphan"]);
    const values = allValues(tree);
    expect(new Set(values).size).toBe(values.length);
  });

  it("marks a cycle and a missing id instead of looping", () => {
    const b = addRelationship(body(), "res-ont", { id: "cfs-internet", relationshipType: "realizedAs" });
    const withMissing = addRelationship(b, "spec-fibre", { id: "ghost", relationshipType: "realizedAs" });
    const spec = buildTree(withMissing)[0].children![0];
    expect(spec.children![0].children![0].children![0].kind).toBe("cycle");
    expect(spec.children!.find((c) => c.kind === "missing")?.label).toBe("ghost (not in the catalog)");
  });
});

describe("changes", () => {
  it("renames an id everywhere it is referenced", () => {
    const next = renameId(body(), { level: "service", id: "cfs-internet" }, "cfs-net");
    expect(next.serviceSpecifications![0].id).toBe("cfs-net");
    expect(JSON.stringify(next)).not.toContain("cfs-internet");
    const offering = renameId(body(), { level: "offering", id: "fibre" }, "fibre-2");
    expect(offering.productOfferings[1].productOfferingRelationship![0].id).toBe("fibre-2");
    const spec = renameId(body(), { level: "product", id: "spec-fibre" }, "spec-f");
    expect(spec.productOfferings[0].productSpecification.id).toBe("spec-f");
  });

  it("adds a spec under a parent with a relationship and a free id", () => {
    const { body: next, ref } = addNode(body(), "resource", { level: "service", id: "cfs-internet" });
    expect(ref).toEqual({ level: "resource", id: "res-new" });
    expect(next.serviceSpecifications![0].serviceSpecRelationship).toContainEqual({ id: "res-new", relationshipType: "realizedAs" });
    expect(freeId(next, "res-new")).toBe("res-new-2");
  });

  it("removes a spec and the relationships pointing at it, never mutating the input", () => {
    const before = body();
    const frozen = JSON.stringify(before);
    const next = removeNode(before, { level: "service", id: "cfs-internet" });
    expect(next.serviceSpecifications).toEqual([]);
    expect(next.productSpecifications[0].productSpecificationRelationship).toEqual([{ id: "spec-adsl", relationshipType: "excludes" }]);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it("sets characteristics and picks free names", () => {
    const chars = characteristicsOf(body(), "spec-fibre");
    const name = freeCharacteristicName(chars, "bandwidth");
    expect(name).toBe("bandwidth2");
    const next = setCharacteristics(body(), "spec-fibre", [...chars, { name, valueType: "string" }]);
    expect(characteristicsOf(next, "spec-fibre").map((c) => c.name)).toEqual(["bandwidth", "bandwidth2"]);
    expect(setCharacteristics(next, "spec-fibre", []).productSpecifications[0].productSpecCharacteristic).toBeUndefined();
  });
});

describe("characteristic cells", () => {
  it("parses typed values", () => {
    expect(parseValue("12", "integer")).toBe(12);
    expect(parseValue("1.5", "integer")).toBeNull();
    expect(parseValue("1.5", "number")).toBe(1.5);
    expect(parseValue("true", "boolean")).toBe(true);
    expect(parseValue("yes", "boolean")).toBeNull();
    expect(parseValue(" 100M ", "string")).toBe("100M");
  });

  it("keeps the default when still allowed and reports rejected values", () => {
    const term = { name: "term", valueType: "integer", characteristicValueSpecification: [{ value: 12 }, { value: 24, isDefault: true }] };
    const { next, rejected } = withAllowed(term, "12, 24, 36, x, 24");
    expect(next.characteristicValueSpecification).toEqual([{ value: 12 }, { value: 24, isDefault: true }, { value: 36 }]);
    expect(rejected).toEqual(["x"]);
    expect(formatAllowed(next)).toBe("12, 24, 36");
    expect(defaultValue(withDefault(next, 36))).toBe(36);
    expect(withAllowed(term, "").next.characteristicValueSpecification).toBeUndefined();
  });

  it("changes value type and required", () => {
    const c = { name: "x", valueType: "string", characteristicValueSpecification: [{ value: "1" }, { value: "a" }] };
    expect(withValueType(c, "integer").characteristicValueSpecification).toEqual([{ value: 1 }]);
    expect(withRequired(c, true).minCardinality).toBe(1);
    expect("minCardinality" in withRequired({ ...c, minCardinality: 1 }, false)).toBe(false);
  });
});

describe("problems", () => {
  it("finds the entries problems point into", () => {
    const ids = idsWithProblems(body(), ["/body/serviceSpecifications/0/name", "/body/productOfferings/1", "/body", "/tests/0", "/body/resourceSpecifications/9/x"]);
    expect([...ids]).toEqual(["cfs-internet", "adsl"]);
  });
});
