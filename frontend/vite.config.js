// Vite config for the Ordo front end.
//
// Run from the repository root (see package.json scripts):
//   npm run build   -> frontend/dist/index.html + frontend/dist/assets/*
//   npm run dev     -> dev server; /api and /tmf-api are proxied to Flask
//
// Flask serves frontend/dist/index.html at "/" and frontend/dist/assets/* at
// "/assets/*", so base is "/" and assets go to the "assets" folder.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const frontendDir = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.ORDO_API_URL || "http://127.0.0.1:5000";

export default defineConfig({
  root: frontendDir,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    // react-data-grid's styles use light-dark(): targets that support it keep lightningcss from rewriting it
    cssTarget: ["chrome123", "firefox120", "safari17.5"],
  },
  server: {
    proxy: {
      "/api": apiTarget,
      "/tmf-api": apiTarget,
    },
  },
});
