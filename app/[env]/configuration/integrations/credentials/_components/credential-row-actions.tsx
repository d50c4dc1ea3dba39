"use client";
// A list row's Duplicate and Delete buttons as a client component: each row then sends only its
// id and name in the page's React payload, not the buttons' markup (25 rows, two buttons each).
// A credential's own page renders the same buttons on the server, where they cost no JavaScript.
export { CredentialActionButtons as CredentialRowActions } from "./credential-action-buttons";
