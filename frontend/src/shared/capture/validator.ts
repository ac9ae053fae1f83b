// The rjsf validator of the characteristics forms (the server's schemas are plain draft-7 JSON Schema).
import validator from "@rjsf/validator-ajv8";

export { validator };
