@description('Azure region for the function app.')
param location string

@description('Prefix for resource names.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Name of the storage account the app, the Functions host and the Durable task hub use (identity-based connection).')
param storageAccountName string

@description('Blob service endpoint of that account.')
param blobEndpoint string

@description('Queue service endpoint of that account.')
param queueEndpoint string

@description('Table service endpoint of that account.')
param tableEndpoint string

@description('URL of the blob container the plan deploys the app package from.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param insightsConnectionString string

@description('Azure OpenAI endpoint.')
param openAiEndpoint string

@description('Azure OpenAI chat deployment (summarise, classify).')
param chatDeployment string

@description('Azure OpenAI embedding deployment.')
param embeddingDeployment string

@description('Inference app endpoint (OCR, and the confidential route of every language step).')
param inferenceEndpoint string

@description('Key Vault secret URI of the inference app API key (resolved by Key Vault reference).')
param inferenceKeySecretUri string

@description('Embedding model of the inference app, used for confidential documents.')
param inferenceEmbeddingModel string = 'serverless-lexical-v1'

@description('Fully qualified Service Bus namespace (name.servicebus.windows.net) that ERP completions go to.')
param serviceBusNamespace string

@description('Service Bus topic of ERP completions.')
param completionTopicName string

@description('Most instances the app scales out to (Flex Consumption: 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB; 2048 suits OCR-light work (OCR runs in the inference app).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: {
    reserved: true // Linux (Flex Consumption is Linux only)
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
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Flex Consumption: the runtime (dotnet-isolated 10.0) is functionAppConfig.runtime above, not
      // FUNCTIONS_WORKER_RUNTIME, and the host version is not an app setting either: the plan rejects both.
      // tests/Serverless.Infrastructure.Tests/AppSettingsTests checks every name here against what the app reads.
      // Provider names (azureopenai, inference) are keys of Pipeline:Providers: Linux app setting names allow
      // only letters, digits, '_' and '.', so no '-'.
      appSettings: [
        // Identity-based host storage (AzureWebJobs*, Durable task hub, blob trigger): no account key anywhere.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // AI providers and routes (Pipeline:Providers, Pipeline:Steps): cloud for ordinary documents, the inference app for confidential ones.
        { name: 'Pipeline__Providers__azureopenai__Kind', value: 'AzureOpenAI' }
        { name: 'Pipeline__Providers__azureopenai__Endpoint', value: openAiEndpoint }
        { name: 'Pipeline__Providers__azureopenai__UseManagedIdentity', value: 'true' }
        { name: 'Pipeline__Providers__azureopenai__IsCloud', value: 'true' }
        { name: 'Pipeline__Providers__inference__Kind', value: 'Inference' }
        { name: 'Pipeline__Providers__inference__Endpoint', value: inferenceEndpoint }
        { name: 'Pipeline__Providers__inference__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${inferenceKeySecretUri})' }
        { name: 'Pipeline__Providers__inference__IsCloud', value: 'false' }
        // OCR sees every document, confidential ones included: always the inference app.
        { name: 'Pipeline__Steps__Ocr__Provider', value: 'inference' }
        { name: 'Pipeline__Steps__Summarize__Provider', value: 'azureopenai' }
        { name: 'Pipeline__Steps__Summarize__Model', value: chatDeployment }
        { name: 'Pipeline__Steps__Summarize__ConfidentialProvider', value: 'inference' }
        { name: 'Pipeline__Steps__Classify__Provider', value: 'azureopenai' }
        { name: 'Pipeline__Steps__Classify__Model', value: chatDeployment }
        { name: 'Pipeline__Steps__Classify__ConfidentialProvider', value: 'inference' }
        { name: 'Pipeline__Steps__Embed__Provider', value: 'azureopenai' }
        { name: 'Pipeline__Steps__Embed__Model', value: embeddingDeployment }
        { name: 'Pipeline__Steps__Embed__ConfidentialProvider', value: 'inference' }
        { name: 'Pipeline__Steps__Embed__ConfidentialModel', value: inferenceEmbeddingModel }
        // The pipeline's step cache, registry, usage and vector tables: same account, managed identity.
        { name: 'Pipeline__Storage__BlobServiceUri', value: blobEndpoint }
        { name: 'Pipeline__Storage__TableServiceUri', value: tableEndpoint }
        // ERP completions go to the Service Bus topic (Storage queue erp-outbound is the local default).
        { name: 'Erp__Outbound__Channel', value: 'ServiceBus' }
        { name: 'Erp__Outbound__ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'Erp__Outbound__ServiceBus__TopicName', value: completionTopicName }
      ]
    }
  }
}

// Deployments use Entra ID (az functionapp deployment / one deploy with a token), not publishing passwords.
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
