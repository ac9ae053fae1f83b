// JSON Schema for one ProductOrder item, and the TMF622 body built from it.
import type { RJSFSchema, UiSchema } from "@rjsf/utils";

/** One order item as the form fills it in (nothing is chosen at first). */
export interface OrderItem {
  offeringId?: string;
  quantity?: number;
}

/** The TMF622 ProductOrder request body (the TMF APIs are not in the native OpenAPI document). */
export interface ProductOrder {
  productOrderItem: {
    id: string;
    action: "add";
    quantity: number;
    productOffering: { id: string };
  }[];
}

export const orderItemSchema: RJSFSchema = {
  title: "ProductOrder item",
  type: "object",
  required: ["offeringId", "quantity"],
  properties: {
    offeringId: {
      type: "string",
      title: "Product offering",
      enum: ["fibre-500", "voip-line"],
    },
    quantity: {
      type: "integer",
      title: "Quantity",
      minimum: 1,
      default: 1,
    },
  },
};

export const orderItemUiSchema: UiSchema<OrderItem> = {
  "ui:submitButtonOptions": { submitText: "Show ProductOrder" },
  offeringId: {
    "ui:placeholder": "Choose an offering",
    "ui:enumNames": ["Fibre 500 Mbit/s (fibre-500)", "VoIP line (voip-line)"],
  },
  quantity: { "ui:widget": "updown" },
};

/** The TMF622 ProductOrder request body for one validated order item. */
export function toProductOrder({ offeringId = "", quantity = 1 }: OrderItem): ProductOrder {
  return {
    productOrderItem: [
      {
        id: "1",
        action: "add",
        quantity,
        productOffering: { id: offeringId },
      },
    ],
  };
}
