export const credentialsPath = (environment: string) =>
  `/${environment}/configuration/integrations/credentials`;
