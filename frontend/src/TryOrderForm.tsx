import { useState } from "react";
import Form from "@rjsf/core";
import { customizeValidator } from "@rjsf/validator-ajv8";
import { type OrderItem, type ProductOrder, orderItemSchema, orderItemUiSchema, toProductOrder } from "./order";

const validator = customizeValidator<OrderItem>();

export default function TryOrderForm() {
  const [formData, setFormData] = useState<OrderItem>({ quantity: 1 });
  const [productOrder, setProductOrder] = useState<ProductOrder | null>(null);

  return (
    <div className="try-order">
      <Form<OrderItem>
        schema={orderItemSchema}
        uiSchema={orderItemUiSchema}
        validator={validator}
        formData={formData}
        onChange={({ formData: next }) => {
          setFormData(next ?? {});
          setProductOrder(null);
        }}
        onSubmit={({ formData: submitted }) => setProductOrder(toProductOrder(submitted ?? {}))}
        noHtml5Validate
        showErrorList={false}
      />
      {productOrder && (
        <div className="result" aria-live="polite">
          <h3>
            Would <code>POST /tmf-api/productOrderingManagement/v4/productOrder</code>
          </h3>
          <pre>{JSON.stringify(productOrder, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}
