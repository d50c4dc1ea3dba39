// Choices the credential pages offer before anything is checked, free of zod: ./schemas builds
// the inputs' schemas from these and is fetched at a form's first check.

/** The methods "Test" may send. */
export const TEST_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

/** How long "Rotate key pair" keeps the previous public key published (0 = not at all; at most 30 days). */
export const KEY_PAIR_OVERLAPS = [
  { seconds: 0, label: "No overlap (retire the old key now)" },
  { seconds: 3_600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 7 * 86_400, label: "7 days" },
  { seconds: 30 * 86_400, label: "30 days" },
] as const;
export const MAX_KEY_PAIR_OVERLAP_SECONDS = 30 * 86_400;
