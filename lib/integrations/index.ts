// The premium integrations domain for app/ (S3 buckets, Salesforce Marketing Cloud, Marketo).
// Schemas and kinds (client-safe) live in ./schemas and ./kinds.
export {
  createIntegration,
  deleteIntegration,
  listAwsCredentialChoices,
  listIntegrations,
  updateIntegration,
} from "./service";
export { runIntegrationTest } from "./run-test";
export { featureStates, setOrganisationFeature, type FeatureStates } from "./feature-settings";
export { premiumRefusal } from "./access";
export type { IntegrationView } from "./views";
export type { IntegrationTestResult, ProbeStep, TokenDetails } from "./test-result";
