// Ready-to-run examples for a freshly created or rotated key, filled in with its values. Each one,
// pasted as it is into a shell (curl, bash) or `node` (JavaScript), requests a token and prints the
// environments this key can see. All of them name the settings the same way (WORKBENCH_*).

/** `apiBaseUrl` ends in /v1: the base every /v1 path is appended to. */
export type SnippetValues = { clientId: string; clientSecret: string; tokenUrl: string; apiBaseUrl: string };
export type Snippet = { id: "curl" | "bash" | "javascript"; label: string; code: string };

/** The variable names every snippet uses, so one .env serves them all. */
export const SNIPPET_VARIABLES = {
  clientId: "WORKBENCH_CLIENT_ID",
  clientSecret: "WORKBENCH_CLIENT_SECRET",
  tokenUrl: "WORKBENCH_TOKEN_URL",
  apiBaseUrl: "WORKBENCH_API_URL",
} as const;

const V = SNIPPET_VARIABLES;
/** A single-quoted shell word: nothing in it is expanded. */
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
/** A single-quoted JavaScript string. */
const js = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function shellSettings({ clientId, clientSecret, tokenUrl, apiBaseUrl }: SnippetValues): string[] {
  return [
    `${V.clientId}=${quote(clientId)}`,
    `${V.clientSecret}=${quote(clientSecret)}`,
    `${V.tokenUrl}=${quote(tokenUrl)}`,
    `${V.apiBaseUrl}=${quote(apiBaseUrl)}`,
  ];
}

export function curlSnippet(values: SnippetValues): string {
  return [
    `# Needs curl and jq.`,
    ...shellSettings(values),
    ``,
    `# 1. Request an access token (valid for 1 hour: reuse it until then)`,
    `TOKEN=$(curl -sS -X POST "$${V.tokenUrl}?grant_type=client_credentials&client_id=$${V.clientId}" \\`,
    `  --header "Content-Type: application/x-www-form-urlencoded" \\`,
    `  --user "$${V.clientId}:$${V.clientSecret}" | jq -r .access_token)`,
    ``,
    `# 2. Call the API with it`,
    `curl -sS "$${V.apiBaseUrl}/environments" \\`,
    `  --header "Authorization: Bearer $TOKEN" \\`,
    `  --header "User-Agent: my-integration/1.0"`,
  ].join("\n");
}

export function bashSnippet(values: SnippetValues): string {
  return `#!/bin/bash
# auth.sh — requires bash, curl, base64 and jq
${shellSettings(values).join("\n")}
# base64 encode your credentials
CREDENTIALS=$(echo -n "$${V.clientId}:$${V.clientSecret}" | base64 | tr -d '\\n')
# retrieve access token details as json
TOKEN_DETAILS=$(curl -sS -X POST "$${V.tokenUrl}?grant_type=client_credentials&client_id=$${V.clientId}" \\
  --header "Content-Type: application/x-www-form-urlencoded" \\
  --header "Authorization: Basic $CREDENTIALS")
# parse the token value
TOKEN=$(echo "$TOKEN_DETAILS" | jq -r ".access_token")
# retrieve Environment details
ENVIRONMENTS=$(curl -sS "$${V.apiBaseUrl}/environments" \\
  --header "Authorization: Bearer $TOKEN" \\
  --header "User-Agent: my-integration/1.0")
# store first Environment id for use in other examples
ENVIRONMENT_ID=$(echo "$ENVIRONMENTS" | jq -r ".environments[0].id")
echo "First environment: $ENVIRONMENT_ID"
# output environment details, formatted with jq
echo "$ENVIRONMENTS" | jq
`;
}

export function javascriptSnippet({ clientId, clientSecret, tokenUrl, apiBaseUrl }: SnippetValues): string {
  return `// Node.js 18 or later. Set ${V.clientSecret} (and the others) in your environment
// rather than in code you commit; the values after ?? are this key's, to try it now.
const clientId = process.env.${V.clientId} ?? ${js(clientId)}
const clientSecret = process.env.${V.clientSecret} ?? ${js(clientSecret)}
const tokenUrl = process.env.${V.tokenUrl} ?? ${js(tokenUrl)}
const apiUrl = process.env.${V.apiBaseUrl} ?? ${js(apiBaseUrl)}

let cachedToken = {
  token: null,
  expires: null
}

const getAPIToken = async () => {
  if (cachedToken.token && cachedToken.expires > new Date()) {
    return cachedToken.token
  }
  // base64 encode your credentials
  const credentials = Buffer.from(\`\${clientId}:\${clientSecret}\`).toString('base64')
  // retrieve access token details as json
  const response = await fetch(\`\${tokenUrl}?grant_type=client_credentials&client_id=\${encodeURIComponent(clientId)}\`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Authorization': \`Basic \${credentials}\`
    }
  })
  const body = await response.json()
  if (!response.ok) throw new Error(\`Token request failed: \${body.error_description ?? response.status}\`)
  cachedToken = {
    token: body.access_token,
    // renew a minute early so a request never goes out with a token about to expire
    expires: new Date(Date.now() + (body.expires_in - 60) * 1000)
  }
  return cachedToken.token
}

const listEnvironments = async () => {
  const response = await fetch(\`\${apiUrl}/environments\`, {
    headers: { 'Authorization': \`Bearer \${await getAPIToken()}\`, 'User-Agent': 'my-integration/1.0' }
  })
  const body = await response.json()
  if (!response.ok) throw new Error(\`API request failed: \${body.detail ?? response.status}\`)
  return body
}

listEnvironments()
  .then((body) => console.log(JSON.stringify(body, null, 2)))
  .catch((error) => {
    console.error(error.message)
    process.exitCode = 1
  })
`;
}

export function snippetsFor(values: SnippetValues): Snippet[] {
  return [
    { id: "curl", label: "curl", code: curlSnippet(values) },
    { id: "bash", label: "Bash script", code: bashSnippet(values) },
    { id: "javascript", label: "JavaScript", code: javascriptSnippet(values) },
  ];
}
