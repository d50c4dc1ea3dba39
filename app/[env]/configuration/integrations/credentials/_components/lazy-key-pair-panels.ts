"use client";
import dynamic from "next/dynamic";

// Only a key-pair credential's page shows its public key and JWKS: the other kinds' pages do
// not fetch these panels.
export const PublicKeyPanel = dynamic(() => import("./public-key-panel").then((m) => m.PublicKeyPanel));
export const JwksPanel = dynamic(() => import("./jwks-panel").then((m) => m.JwksPanel));
