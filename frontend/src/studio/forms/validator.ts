// The rjsf validator for the kinds' JSON Schemas (draft 2020-12, as the server publishes them).
import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";

export const validator = customizeValidator({ AjvClass: Ajv2020 });
