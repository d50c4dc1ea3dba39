"use client";
import dynamic from "next/dynamic";

// The form is a chunk of its own, server-rendered and hydrated once it arrives: the
// new-credential page shows it only once a type is chosen (the type list does not fetch it),
// and on a credential's page the settings come below what it says about the credential.
export const CredentialForm = dynamic(() => import("./credential-form").then((m) => m.CredentialForm));
