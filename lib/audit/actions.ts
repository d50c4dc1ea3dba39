// Audit log actions in words ("api_key.create" → "Created API key"), for the audit log and the
// key pages. Pure and client-safe. An action missing here is shown from its own words.

const ACTION_WORDS: Record<string, string> = {
  "account.change_password": "Changed their password",
  "account.change_password_failed": "Failed to change their password",
  "account.mfa_enable": "Turned on two-factor sign-in",
  "account.replace_temporary_password": "Replaced their temporary password",
  "account.sign_out_other_sessions": "Signed out their other sessions",
  "account.sign_out_session": "Signed out a session",
  "api_key.create": "Created API key",
  "api_key.update": "Edited API key",
  "api_key.rotate": "Rotated API key secret",
  "api_key.revoke": "Revoked API key",
  "api_key.delete": "Deleted API key",
  "api_key.allowlist_enforce": "Allowed the addresses seen and enforced the IP allowlist",
  "api_key.grace_end": "Ended the rotation grace period",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "credential.create": "Created credential",
  "credential.update": "Edited credential",
  "credential.duplicate": "Duplicated credential",
  "credential.delete": "Deleted credential",
  "credential.test": "Tested credential",
  "credential.jwks_publish": "Published credential's JWKS",
  "credential.jwks_unpublish": "Stopped publishing credential's JWKS",
  "credential.rotate_key_pair": "Rotated credential key pair",
  "credential.secret_expiry": "Set credential's secret expiry",
  "event.send": "Sent event",
  "integration.create": "Created integration",
  "integration.update": "Edited integration",
  "integration.delete": "Deleted integration",
  "integration.test": "Tested integration",
  "integration.analytics_export.failed": "Analytics export failed",
  "integration.analytics_export.recovered": "Analytics export recovered",
  "integration.analytics_export.retry": "Retried analytics export",
  "member.add": "Added member",
  "member.change_role": "Changed a member's role",
  "member.remove": "Removed member",
  "member.reset_mfa": "Reset a member's two-factor sign-in",
  "member.reset_password": "Reset a member's password",
  "organisation.create": "Created organisation",
  "organisation.require_mfa": "Required two-factor sign-in",
  "organisation.stop_requiring_mfa": "Stopped requiring two-factor sign-in",
  "request.send": "Sent request with credential",
};

/** "Created API key" for "api_key.create"; otherwise the action's own words ("Webhook: test"). */
export function actionInWords(action: string): string {
  if (Object.hasOwn(ACTION_WORDS, action)) return ACTION_WORDS[action];
  const [subject = "", ...verb] = action.split(".");
  const words = (text: string) => text.replace(/_/g, " ");
  const head = words(subject);
  return `${head.charAt(0).toUpperCase()}${head.slice(1)}${verb.length ? `: ${words(verb.join(" "))}` : ""}`;
}
