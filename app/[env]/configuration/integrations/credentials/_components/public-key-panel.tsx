"use client";
import { CopyButton } from "@/components/copy-button";
import { Card } from "@/components/ui/card";

/** The public half of a key-pair credential, for the system that verifies the JWTs. */
export function PublicKeyPanel({ pem, jwk }: { pem: string; jwk: Record<string, unknown> }) {
  const jwkText = JSON.stringify(jwk, null, 2);
  return (
    <Card className="space-y-4 p-6" aria-labelledby="public-key-heading">
      <div>
        <h2 id="public-key-heading" className="text-base font-semibold">
          Public key
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Give this to the system that verifies the JWTs. It is not secret; the private key never leaves this
          server.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {[
          { id: "public-key-pem", label: "Public key (PEM)", value: pem.trim() },
          { id: "public-key-jwk", label: "Public key (JWK)", value: jwkText },
        ].map((item) => (
          <div key={item.id} className="space-y-1.5">
            <div className="flex items-center justify-between gap-2">
              <label htmlFor={item.id} className="text-sm font-medium">
                {item.label}
              </label>
              <CopyButton value={item.value} label={item.label} />
            </div>
            <textarea
              id={item.id}
              readOnly
              rows={10}
              spellCheck={false}
              value={item.value}
              className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
            />
          </div>
        ))}
      </div>
    </Card>
  );
}
