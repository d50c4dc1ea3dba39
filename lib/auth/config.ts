/** Console session settings (see README › Configuration). */
export function sessionIdleSeconds(): number {
  const minutes = Number(process.env.WORKBENCH_SESSION_IDLE_MINUTES ?? 30);
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : 30 * 60;
}

/** Failed sign-ins allowed per email (and ×4 per IP) in the throttle window before refusing. */
export function signInThrottle(): { maxFailures: number; windowSeconds: number } {
  const max = Number(process.env.WORKBENCH_SIGNIN_MAX_FAILURES ?? 5);
  return { maxFailures: Number.isFinite(max) && max > 0 ? max : 5, windowSeconds: 15 * 60 };
}

export function publicBaseUrl(): string {
  return (process.env.WORKBENCH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
