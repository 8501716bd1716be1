import path from "node:path";
import { defineConfig } from "vitest/config";

// Pin a non-UTC zone so time bugs fail loudly (STYLE.md).
process.env.TZ = "America/Sao_Paulo";

const alias = {
  "@": path.resolve(import.meta.dirname, "."),
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/globalSetup.ts"],
          // One private dockerd is shared; /system/df refuses concurrent calls, so files run one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
