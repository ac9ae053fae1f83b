// The decomposition preview's server calls and the small pure helpers its view uses.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type Schemas } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";

export type Preview = Schemas["DecompositionPreviewView"];
export type ExampleOrder = Schemas["ExampleOrderView"];
type Document = Record<string, unknown>;

export function useExampleOrders() {
  return useQuery({
    queryKey: ["studio", "decomposition", "examples"],
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/decomposition/examples")).examples,
    staleTime: Infinity,
  });
}

export function usePreview(order: Document | null, catalog: Document | null, rules: Document | null) {
  return useQuery({
    queryKey: ["studio", "decomposition", "preview", order, catalog, rules],
    queryFn: async () => unwrap(await api.POST("/api/v1/studio/decomposition/preview", {
      body: { order, catalog, rules } as never,
    })),
    enabled: order !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** A one-item order for an offering (its characteristics left to the catalog's defaults). */
export function offeringOrder(offering: string): Document {
  return { productOrderItem: [{ id: "1", action: "add", quantity: 1, productOffering: { id: offering } }] };
}

/** "key=value" text of a line's characteristics, nulls shown as "—". */
export function characteristicsText(characteristics: Record<string, unknown>): string {
  return Object.entries(characteristics).map(([name, value]) => `${name}=${value === null || value === undefined ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value)}`).join(", ");
}
