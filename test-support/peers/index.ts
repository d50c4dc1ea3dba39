export { startBasicPeer } from "./basic-peer";
export { startJwtPeer, type JwtPeer, type JwtPeerOptions, type JwtPublicKey } from "./jwt-peer";
export { startOidcPeer, type OidcPeer } from "./oidc-peer";
export { startQueryTokenPeer, type QueryTokenPeer } from "./oauth-query-peer";
export { startSigV4Peer, type SigV4PeerOptions } from "./sigv4-peer";
export type { Peer } from "./listen";
export { startWebhookPeer, type WebhookPeer, type ReceivedDelivery } from "./webhook-peer";
