// Ready-to-run examples for a freshly created or rotated key, filled in with its values. The
// bash and JavaScript ones follow the vendor documentation's "Full authentication example" line by line.

export type SnippetValues = { clientId: string; clientSecret: string; tokenUrl: string; apiBaseUrl: string };
export type Snippet = { id: "curl" | "bash" | "javascript"; label: string; code: string };

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export function curlSnippet({ clientId, clientSecret, tokenUrl, apiBaseUrl }: SnippetValues): string {
  return [
    `# 1. Request an access token (valid for 1 hour; cache it)`,
    `curl -X POST "${tokenUrl}?grant_type=client_credentials&client_id=${clientId}" \\`,
    `  --header "Content-Type: application/x-www-form-urlencoded" \\`,
    `  --user ${quote(`${clientId}:${clientSecret}`)}`,
    ``,
    `# 2. Call the API with the access_token from the response`,
    `curl "${apiBaseUrl}/v1/environments" \\`,
    `  --header "Authorization: Bearer <access_token>" \\`,
    `  --header "User-Agent: my-integration/1.0"`,
  ].join("\n");
}

export function bashSnippet({ clientId, clientSecret, tokenUrl, apiBaseUrl }: SnippetValues): string {
  return `#!/bin/bash
# auth.sh — requires bash, curl, base64 and jq
CLIENT_ID=${clientId}
CLIENT_SECRET=${clientSecret}
OAUTH_URL=${tokenUrl}
WORKBENCH_API=${apiBaseUrl}
# base64 encode your credentials
CREDENTIALS=$(echo -n "$CLIENT_ID:$CLIENT_SECRET" | base64)
# retrieve access token details as json
TOKEN_DETAILS=$(curl -X POST "$OAUTH_URL?grant_type=client_credentials&client_id=$CLIENT_ID" \\
--header "Content-Type:application/x-www-form-urlencoded" \\
--header "Authorization: Basic $CREDENTIALS")
# parse the token value
TOKEN=$(echo $TOKEN_DETAILS | jq -r -c ".access_token")
# retrieve Environment details
ENVIRONMENTS=$(curl -X GET "$WORKBENCH_API/v1/environments" \\
--header "Content-Type:application/json" \\
--header "Authorization: Bearer $TOKEN")
# store first Environment id for use in other examples
ENVIRONMENT_ID=$(echo $ENVIRONMENTS | jq -r ".environments[0].id")
# output environment details, formatted with jq
echo $ENVIRONMENTS | jq
`;
}

export function javascriptSnippet({ clientId, clientSecret, tokenUrl, apiBaseUrl }: SnippetValues): string {
  return `// Set these in your environment (never commit the secret):
// ATOMIC_API_CLIENT_ID=${clientId}
// ATOMIC_API_CLIENT_SECRET=${clientSecret}
// ATOMIC_API_OAUTH_URL=${tokenUrl}
let cachedToken = {
  token: null,
  expires: null
}

const getAPIToken = async () => {
  if (cachedToken.token && cachedToken.expires > new Date()) {
    return cachedToken.token
  }
  const clientId = process.env.ATOMIC_API_CLIENT_ID
  const clientSecret = process.env.ATOMIC_API_CLIENT_SECRET
  const oauthURL = process.env.ATOMIC_API_OAUTH_URL
  // base64 encode your credentials
  const credentials = Buffer.from(\`\${clientId}:\${clientSecret}\`).toString('base64')
  // retrieve access token details as json
  const tokenDetails = await fetch(\`\${oauthURL}?grant_type=client_credentials&client_id=\${clientId}\`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Authorization': \`Basic \${credentials}\`
    }
  })
  // parse the token value
  const tokenResp = (await tokenDetails.json())
  cachedToken = {
    token: tokenResp.access_token,
    // renew a minute early so a request never goes out with a token about to expire
    expires: new Date(Date.now() + (tokenResp.expires_in - 60) * 1000)
  }
  return cachedToken.token
}

const listEnvironments = async () => {
  const response = await fetch('${apiBaseUrl}/v1/environments', {
    headers: { 'Authorization': \`Bearer \${await getAPIToken()}\`, 'User-Agent': 'my-integration/1.0' }
  })
  return response.json()
}
`;
}

export function snippetsFor(values: SnippetValues): Snippet[] {
  return [
    { id: "curl", label: "curl", code: curlSnippet(values) },
    { id: "bash", label: "Bash script", code: bashSnippet(values) },
    { id: "javascript", label: "JavaScript", code: javascriptSnippet(values) },
  ];
}
