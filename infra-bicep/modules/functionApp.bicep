@description('Azure region for the function app.')
param location string

@description('Prefix for resource names.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Name of the storage account the app and its durable engine use (identity-based connection).')
param storageAccountName string

@description('Application Insights connection string.')
param insightsConnectionString string

@description('Azure OpenAI endpoint.')
param openAiEndpoint string

@description('Azure OpenAI chat deployment.')
param chatDeployment string

@description('Azure OpenAI embedding deployment.')
param embeddingDeployment string

@description('Inference app endpoint.')
param inferenceEndpoint string

@description('Key Vault secret URI of the inference app API key (resolved by Key Vault reference).')
param inferenceKeySecretUri string

@description('Elastic Premium plan size; EP1 suits OCR-light traffic, larger plans more concurrent documents.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Maximum instances the plan scales out to.')
@minValue(1)
param maximumElasticWorkerCount int = 10

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'elastic'
  sku: { tier: 'ElasticPremium', name: planSku }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumElasticWorkerCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      alwaysOn: false
      functionsRuntimeScaleMonitoringEnabled: true
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        // Identity-based storage connection: no account key anywhere.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'Ai__AzureOpenAI__Endpoint', value: openAiEndpoint }
        { name: 'Ai__AzureOpenAI__ChatDeployment', value: chatDeployment }
        { name: 'Ai__AzureOpenAI__EmbeddingDeployment', value: embeddingDeployment }
        { name: 'Ai__Inference__Endpoint', value: inferenceEndpoint }
        { name: 'Ai__Inference__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${inferenceKeySecretUri})' }
      ]
    }
  }
}

// Deployments use Entra ID (az functionapp deployment / zip deploy with a token), not publishing passwords.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

@description('Name of the function app.')
output name string = site.name

@description('Principal id of the function app managed identity.')
output principalId string = site.identity.principalId

@description('Default host name of the function app.')
output hostName string = site.properties.defaultHostName
