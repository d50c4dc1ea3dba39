"use client";
import dynamic from "next/dynamic";

// The secret expiry form is a chunk of its own, server-rendered and hydrated once it arrives: on
// a credential's page it comes below what the page says about the credential.
export const SecretExpiryForm = dynamic(() => import("./secret-expiry").then((m) => m.SecretExpiryForm));
