// Vitest for the front end's unit and component tests (npm run test:unit, run by `make test`): every
// frontend/src/**/*.test.ts(x), in jsdom, with the app's Vite config (the React plugin).
import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.js";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: "jsdom",
      include: ["src/**/*.test.{ts,tsx}"],
    },
  }),
);
