import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    // lib/config.ts is the one reader of the environment (tests may set variables).
    files: ["app/**", "components/**", "lib/**", "server/**"],
    ignores: ["lib/config.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through config() from lib/config.ts.",
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "dist/**",
      ".tmp/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];
export default config;
