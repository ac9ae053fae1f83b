export { PriceListEditor as default } from "./kinds";
