import { describe, expect, it } from "vitest";
import { editOf, missingFields, revisionPatch, supplyPatch, typedValue } from "./changeLogic";

const item = { id: "1", quantity: 4, characteristics: [{ name: "siteBandwidth", value: "500M" }, { name: "term", value: 36 }] };

describe("revision patch", () => {
  it("holds only what changed, typed as before", () => {
    const edit = editOf(item);
    expect(revisionPatch([item], { "1": edit })).toBeNull();
    expect(revisionPatch([item], { "1": { ...edit, quantity: 6 } })).toEqual({ productOrderItem: [{ id: "1", quantity: 6 }] });
    expect(revisionPatch([item], { "1": { ...edit, characteristics: { ...edit.characteristics, term: "24" } } })).toEqual({
      productOrderItem: [{ id: "1", product: { productCharacteristic: [{ name: "term", value: 24 }] } }] });
  });
  it("keeps text that is not a number as text", () => {
    expect(typedValue("x", 3)).toBe("x");
    expect(typedValue("true", false)).toBe(true);
  });
});

describe("missing information", () => {
  it("collects characteristics from the order and its domain orders once each", () => {
    const found = missingFields(
      [{ item: "2", path: "item.characteristics.portInNumber", message: "the number to port" }, { item: "1", path: "item.installPostcode", message: "postcode" }],
      [[{ itemId: "2", characteristic: "portInNumber" }, { itemId: "3", characteristic: "donorOperator" }]]);
    expect(found.fields.map((f) => f.key)).toEqual(["2/portInNumber", "3/donorOperator"]);
    expect(found.other).toEqual(["postcode"]);
    expect(supplyPatch(found.fields, { "2/portInNumber": " +4930 ", "3/donorOperator": "" })).toEqual({
      productOrderItem: [{ id: "2", product: { productCharacteristic: [{ name: "portInNumber", value: "+4930" }] } }] });
  });
});
