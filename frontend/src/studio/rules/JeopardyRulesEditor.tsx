export { JeopardyRulesEditor as default } from "./kinds";
