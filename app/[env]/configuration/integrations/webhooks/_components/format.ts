export const webhooksPath = (environment: string) => `/${environment}/configuration/integrations/webhooks`;
