import { Link } from "@/components/ui/link";
import { Plus } from "@/components/ui/icons/plus";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "./page-header";

/** The "New …" button of a list page (also its empty state's call to action). */
export function NewButton({ href, label }: { href: string; label: string }) {
  return (
    <Button asChild>
      <Link href={href}>
        <Plus aria-hidden /> {label}
      </Link>
    </Button>
  );
}

/**
 * A list page's header: title, description and the "New …" button for members who may create,
 * or the view-only notice for those who may not.
 */
export function ListPageHeader({
  title,
  description,
  canEdit,
  newHref,
  newLabel,
  viewOnly,
}: {
  title: string;
  description: ReactNode;
  canEdit: boolean;
  newHref: string;
  newLabel: string;
  /** What a view-only member is told. */
  viewOnly: ReactNode;
}) {
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={canEdit ? <NewButton href={newHref} label={newLabel} /> : null}
      />
      {!canEdit ? (
        <Alert className="mb-4" role="status">
          {viewOnly}
        </Alert>
      ) : null}
    </>
  );
}
