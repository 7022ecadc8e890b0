import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API under /app; in `npm run dev` Vite proxies the API to it.
export default defineConfig({
  base: "/app/",
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/trpc": "http://localhost:3000", "/favicon.svg": "http://localhost:3000" },
  },
  // The manifest lets scripts/check-bundle.mjs find what the first screen loads.
  build: { outDir: "dist", sourcemap: true, manifest: true },
});
