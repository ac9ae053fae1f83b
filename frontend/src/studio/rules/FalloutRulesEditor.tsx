export { FalloutRulesEditor as default } from "./kinds";
