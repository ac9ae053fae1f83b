import { useState } from "react";
import Form from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import { orderItemSchema, orderItemUiSchema, toProductOrder } from "./order.js";

export default function TryOrderForm() {
  const [formData, setFormData] = useState({ quantity: 1 });
  const [productOrder, setProductOrder] = useState(null);

  return (
    <div className="try-order">
      <Form
        schema={orderItemSchema}
        uiSchema={orderItemUiSchema}
        validator={validator}
        formData={formData}
        onChange={({ formData: next }) => {
          setFormData(next);
          setProductOrder(null);
        }}
        onSubmit={({ formData: submitted }) => setProductOrder(toProductOrder(submitted))}
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
