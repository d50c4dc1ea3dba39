"use client";
import { Pencil } from "@/components/ui/icons/pencil";
import { Button } from "@/components/ui/button";
import { Link } from "@/components/ui/link";
import { CredentialActionButtons } from "./credential-action-buttons";

// A list row's Edit link and Duplicate and Delete buttons as a client component: each row then
// sends only its id, name and link in the page's React payload, not the three controls' markup
// (25 rows: 22 kB of the payload). A credential's own page renders the buttons on the server,
// where they cost no JavaScript.
export function CredentialRowActions({ id, name, href }: { id: string; name: string; href: string }) {
  return (
    <div className="flex justify-end gap-1">
      <Button asChild variant="ghost" size="sm">
        <Link href={href} aria-label={`Edit ${name}`} title={`Edit ${name}`}>
          <Pencil aria-hidden />
        </Link>
      </Button>
      <CredentialActionButtons id={id} name={name} compact />
    </div>
  );
}
