"use client";
import { RefreshCw } from "@/components/ui/icons/refresh-cw";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import { useAction } from "@/components/forms/use-action";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/input";
import { formatDateTime } from "@/lib/dates";
import { KEY_PAIR_OVERLAPS } from "@/lib/credentials/constants";
import { rotateKeyPairAction, setJwksPublishedAction } from "../actions";

type JwksView = {
  published: boolean;
  path: string | null;
  keys: { kid: string; current: boolean; until: string | Date | null }[];
};

/**
 * Hosted JWKS of a key-pair credential: publish its public keys at a stable URL of the public API
 * (the verifying system fetches them), and "Rotate key pair" with an overlap during which the
 * previous public key stays in the set.
 */
export function JwksPanel({
  environment,
  id,
  version,
  publicUrl,
  jwks,
  canEdit,
}: {
  environment: string;
  id: string;
  version: number;
  /** The public API's origin, for the full URL. */
  publicUrl: string;
  jwks: JwksView;
  canEdit: boolean;
}) {
  const router = useRouter();
  const publish = useAction(setJwksPublishedAction, (result) => {
    if (!result.ok) return void toast.error(result.error);
    toast.success(result.data.published ? "JWKS published" : "JWKS no longer published");
    router.refresh();
  });
  const url = jwks.path ? `${publicUrl}${jwks.path}` : null;
  return (
    <Card className="space-y-4 p-6" aria-labelledby="jwks-heading">
      <div>
        <h2 id="jwks-heading" className="text-base font-semibold">
          Hosted JWKS
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Publish the public key(s) at a stable URL so the verifying system fetches them itself (a JSON Web
          Key Set, cacheable, no secret in the URL). After a rotation the previous key stays in the set for
          the overlap you choose, so tokens signed before it still verify.
        </p>
      </div>
      {url ? (
        <div className="space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <span className="text-sm font-medium" id="jwks-url-label">
              JWKS URL
            </span>
            <CopyButton value={url} label="JWKS URL" />
          </div>
          <p
            aria-labelledby="jwks-url-label"
            data-testid="jwks-url"
            className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs break-all"
          >
            {url}
          </p>
        </div>
      ) : (
        <Alert role="status">Not published: the verifying system needs the public key pasted.</Alert>
      )}
      <div>
        <h3 className="text-sm font-medium">Keys in the set</h3>
        <ul aria-label="Public keys in the set" className="mt-1 space-y-1 text-sm">
          {jwks.keys.map((key) => (
            <li key={key.kid} className="flex flex-wrap gap-x-2">
              <span className="font-mono text-xs break-all">{key.kid}</span>
              <span className="text-slate-600">
                {key.current ? "current key" : `previous key, published until ${formatDateTime(key.until)}`}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={publish.pending}
            onClick={() => publish.run({ environment, id, published: !jwks.published })}
          >
            {jwks.published ? "Stop publishing" : "Publish JWKS"}
          </Button>
          <RotateKeyPairDialog environment={environment} id={id} version={version} />
        </div>
      ) : null}
    </Card>
  );
}

function RotateKeyPairDialog({
  environment,
  id,
  version,
}: {
  environment: string;
  id: string;
  version: number;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState(86_400);
  const rotate = useAction(rotateKeyPairAction, (result) => {
    if (!result.ok) return;
    toast.success("Key pair rotated");
    setOpen(false);
    router.refresh();
  });
  const failure = rotate.failure;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        rotate.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" variant="secondary">
          <RefreshCw aria-hidden /> Rotate key pair
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Rotate key pair"
        description="Generates a new key pair here (the private key never leaves this server). New JWTs are signed with it at once; the previous public key stays in the published set for the overlap, so tokens signed before still verify. A key ID typed by hand is replaced by the new key's thumbprint."
      >
        <div className="space-y-4">
          <div className="space-y-1.5">
            <label htmlFor="rotate-overlap" className="block text-sm font-medium">
              Keep the previous public key published for
            </label>
            <NativeSelect
              id="rotate-overlap"
              value={String(overlap)}
              onChange={(event) => setOverlap(Number(event.target.value))}
            >
              {KEY_PAIR_OVERLAPS.map((option) => (
                <option key={option.seconds} value={option.seconds}>
                  {option.label}
                </option>
              ))}
            </NativeSelect>
          </div>
          {failure ? (
            <Alert tone="danger" role="alert">
              {failure}
            </Alert>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button
              disabled={rotate.pending}
              onClick={() =>
                rotate.run({ environment, id, overlapSeconds: overlap, expectedVersion: version })
              }
            >
              {rotate.pending ? "Rotating…" : "Rotate key pair"}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
