// The registry of credential kinds, server half: one line per kind (the client-safe half is
// registered in ./index). Typed by kind, so a kind missing here does not compile.
import "server-only";
import type { CredentialType } from ".";
import { awsSignedRequestServer } from "./aws-signed-request.server";
import { basicServer } from "./basic.server";
import { customHeadersServer } from "./custom-headers.server";
import { keyPairServer } from "./key-pair.server";
import { oauthClientCredentialsServer } from "./oauth-client-credentials.server";
import type { ServerKind } from "./server-kind";

export const SERVER_KINDS: { [T in CredentialType]: ServerKind<T> } = {
  oauth_client_credentials: oauthClientCredentialsServer,
  aws_signed_request: awsSignedRequestServer,
  basic: basicServer,
  key_pair: keyPairServer,
  custom_headers: customHeadersServer,
};
