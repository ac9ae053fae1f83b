// JSON Schema for one ProductOrder item, and the TMF622 body built from it.

export const orderItemSchema = {
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

export const orderItemUiSchema = {
  "ui:submitButtonOptions": { submitText: "Show ProductOrder" },
  offeringId: {
    "ui:placeholder": "Choose an offering",
    "ui:enumNames": ["Fibre 500 Mbit/s (fibre-500)", "VoIP line (voip-line)"],
  },
  quantity: { "ui:widget": "updown" },
};

/** The TMF622 ProductOrder request body for one validated order item. */
export function toProductOrder({ offeringId, quantity }) {
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
