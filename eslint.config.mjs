import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
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
