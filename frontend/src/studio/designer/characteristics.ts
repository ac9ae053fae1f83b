// The characteristics grid's cell logic: allowed values typed in as "a, b, c" become characteristicValueSpecification
// entries of the characteristic's value type, the default is the entry marked isDefault, required is minCardinality 1.
import type { Characteristic } from "./catalogModel";

export type Value = string | number | boolean;

export const VALUE_TYPES = ["string", "integer", "number", "boolean", "date", "dateTime"] as const;

/** One typed value from text; null when the text is not a value of that type. */
export function parseValue(text: string, valueType: string): Value | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (valueType === "integer") return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
  if (valueType === "number") return Number.isFinite(Number(trimmed)) ? Number(trimmed) : null;
  if (valueType === "boolean") return trimmed === "true" ? true : trimmed === "false" ? false : null;
  return trimmed;
}

export function allowedValues(characteristic: Characteristic): Value[] {
  return (characteristic.characteristicValueSpecification ?? []).map((entry) => entry.value);
}

export function formatAllowed(characteristic: Characteristic): string {
  return allowedValues(characteristic).map(String).join(", ");
}

export function defaultValue(characteristic: Characteristic): Value | null {
  return characteristic.characteristicValueSpecification?.find((entry) => entry.isDefault)?.value ?? null;
}

/** The allowed values from comma-separated text (what does not parse is reported, not kept); the default stays when
 *  still allowed. */
export function withAllowed(characteristic: Characteristic, text: string): { next: Characteristic; rejected: string[] } {
  const rejected: string[] = [];
  const values: Value[] = [];
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const value = parseValue(part, characteristic.valueType);
    if (value === null) rejected.push(part.trim());
    else if (!values.includes(value)) values.push(value);
  }
  const current = defaultValue(characteristic);
  const { characteristicValueSpecification: _old, ...rest } = characteristic;
  const next: Characteristic = values.length
    ? { ...rest, characteristicValueSpecification: values.map((value) => (value === current ? { value, isDefault: true } : { value })) }
    : rest;
  return { next, rejected };
}

/** Mark one allowed value as the default (null: none). */
export function withDefault(characteristic: Characteristic, value: Value | null): Characteristic {
  const entries = characteristic.characteristicValueSpecification ?? [];
  return {
    ...characteristic,
    characteristicValueSpecification: entries.map(({ value: v }) => (value !== null && v === value ? { value: v, isDefault: true } : { value: v })),
  };
}

/** Change the value type: allowed values that are not of the new type are dropped. */
export function withValueType(characteristic: Characteristic, valueType: string): Characteristic {
  const kept = allowedValues(characteristic).map(String).join(", ");
  return withAllowed({ ...characteristic, valueType }, kept).next;
}

export function withRequired(characteristic: Characteristic, required: boolean): Characteristic {
  const { minCardinality: _old, ...rest } = characteristic;
  return required ? { ...rest, minCardinality: 1 } : rest;
}
