"use client";
import { KeyRound } from "@/components/ui/icons/key-round";
import { JWT_CACHE_SHARE, KEY_PAIR_ALGORITHMS } from "@/lib/credentials/kinds/catalogue";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { errorOf, setField, textField, valueOf, type TypeFieldsProps } from "./form-types";
import { SecretInput } from "./secret-input";

function ClaimField({
  form,
  name,
  label,
  help,
  readOnly,
}: Pick<TypeFieldsProps, "form" | "readOnly"> & {
  name: "issuer" | "subject" | "audience" | "keyId";
  label: string;
  help: string;
}) {
  const id = `key-pair-${name}`;
  const error = errorOf(form, name);
  return (
    <Field id={id} label={label} error={error} help={help}>
      <Input
        autoComplete="off"
        readOnly={readOnly}
        {...fieldAria(id, error, true)}
        {...textField(form, name)}
      />
    </Field>
  );
}

export function KeyPairFields({ form, mode, secretsSet, readOnly }: TypeFieldsProps) {
  const generate = valueOf(form, "generateKey") === true;
  const lifetime = Number(valueOf(form, "lifetimeSeconds"));
  const algorithmError = errorOf(form, "algorithm");
  const claimsError = errorOf(form, "customClaims");
  const lifetimeError = errorOf(form, "lifetimeSeconds");
  const keyError = errorOf(form, "privateKeyPem");
  const setGenerate = (on: boolean) => {
    setField(form, "generateKey", on);
    if (on) setField(form, "privateKeyPem", "");
    form.clearMessage("privateKeyPem");
  };
  return (
    <>
      <p className="text-sm text-slate-600">
        Produces a JWT signed with your private key and adds Authorization: Bearer … The verifying system uses
        the matching public key, which this page shows after saving. The JWT is reused for{" "}
        {Math.round(JWT_CACHE_SHARE * 100)} % of its lifetime, then a new one is made on next use.
      </p>
      <Field
        id="key-pair-algorithm"
        label="Algorithm"
        error={algorithmError}
        help="RS/PS need an RSA key (2048 bits or more), ES256 a P-256 key, ES384 a P-384 key, EdDSA an Ed25519 key."
      >
        <NativeSelect
          disabled={readOnly}
          {...fieldAria("key-pair-algorithm", algorithmError, true)}
          {...textField(form, "algorithm")}
        >
          {KEY_PAIR_ALGORITHMS.map((alg) => (
            <option key={alg} value={alg}>
              {alg}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {generate ? (
        <Alert tone="info" role="status" className="space-y-2">
          <p>
            A new key pair for the chosen algorithm is generated when you save. The private key stays on the
            server, encrypted; the public key (PEM and JWK) is shown on this page afterwards.
            {mode === "update"
              ? " It replaces the current key: give the new public key to the verifying system."
              : ""}
          </p>
          {keyError ? (
            <p role="alert" className="font-medium text-red-700">
              {keyError}
            </p>
          ) : null}
          <Button type="button" variant="secondary" size="sm" onClick={() => setGenerate(false)}>
            Paste a private key instead
          </Button>
        </Alert>
      ) : (
        <div className="space-y-2">
          <SecretInput
            form={form}
            name="privateKeyPem"
            id="key-pair-private-key"
            label="Private key (PEM)"
            stored={mode === "update" && Boolean(secretsSet.privateKeyPem)}
            help="-----BEGIN PRIVATE KEY----- … (PKCS#8, or PKCS#1/SEC1), unencrypted. It is checked against the algorithm when you save."
            multiline
            readOnly={readOnly}
          />
          {!readOnly ? (
            <Button type="button" variant="secondary" size="sm" onClick={() => setGenerate(true)}>
              <KeyRound aria-hidden /> Generate key pair
            </Button>
          ) : null}
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <ClaimField form={form} readOnly={readOnly} name="issuer" label="Issuer (iss)" help="Optional." />
        <ClaimField form={form} readOnly={readOnly} name="subject" label="Subject (sub)" help="Optional." />
        <ClaimField form={form} readOnly={readOnly} name="audience" label="Audience (aud)" help="Optional." />
      </div>
      <Field
        id="key-pair-claims"
        label="Custom claims (JSON, optional)"
        error={claimsError}
        help={
          'A JSON object, e.g. {"tenant": "acme"}. iss, sub, aud, exp, iat, nbf and jti are set by the fields here.'
        }
      >
        <Textarea
          rows={4}
          spellCheck={false}
          readOnly={readOnly}
          {...fieldAria("key-pair-claims", claimsError, true)}
          {...textField(form, "customClaims")}
        />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          id="key-pair-lifetime"
          label="Lifetime (seconds)"
          error={lifetimeError}
          help="How long each JWT is valid (exp − iat), 10 to 86400."
        >
          <Input
            type="number"
            min={10}
            max={86400}
            step={1}
            readOnly={readOnly}
            {...fieldAria("key-pair-lifetime", lifetimeError, true)}
            name="lifetimeSeconds"
            value={Number.isNaN(lifetime) ? "" : lifetime}
            onChange={(event) => setField(form, "lifetimeSeconds", event.target.valueAsNumber)}
          />
        </Field>
        <ClaimField
          form={form}
          readOnly={readOnly}
          name="keyId"
          label="Key ID (kid, optional)"
          help="Empty: the public key's JWK thumbprint."
        />
      </div>
    </>
  );
}
