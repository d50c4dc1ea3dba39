"use client";
import dynamic from "next/dynamic";

// The new-credential page shows the form only once a type is chosen: the type list does not
// fetch it.
export const CredentialForm = dynamic(() => import("./credential-form").then((m) => m.CredentialForm));
