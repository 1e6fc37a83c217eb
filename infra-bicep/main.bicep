targetScope = 'resourceGroup'

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Short environment name used in resource names, e.g. dev, test, prod.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Region for Azure OpenAI (the models must be offered there).')
param openAiLocation string = location

@description('Container image of the inference app.')
param inferenceImage string

@secure()
@description('API key for the inference app. Pass it at deploy time (environment variable INFERENCE_API_KEY); never commit it.')
param inferenceApiKey string

@description('Tags applied to every resource.')
param tags object = {
  application: 'serverless-document-ai'
  environment: environmentName
}

var suffix = uniqueString(resourceGroup().id, environmentName)
var namePrefix = 'sdai-${environmentName}'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: take('sdai${environmentName}${suffix}', 24)
    tags: tags
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  params: {
    location: openAiLocation
    accountName: '${namePrefix}-oai-${suffix}'
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: take('sdai-${environmentName}-${suffix}', 24)
    tags: tags
    inferenceApiKey: inferenceApiKey
  }
}

module inference 'modules/inference.bicep' = {
  name: 'inference'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    image: inferenceImage
    apiKey: inferenceApiKey
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    storageAccountName: storage.outputs.name
    insightsConnectionString: monitoring.outputs.insightsConnectionString
    openAiEndpoint: openAi.outputs.endpoint
    chatDeployment: openAi.outputs.chatDeployment
    embeddingDeployment: openAi.outputs.embeddingDeployment
    inferenceEndpoint: inference.outputs.endpoint
    inferenceKeySecretUri: keyVault.outputs.inferenceKeySecretUri
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    openAiAccountName: '${namePrefix}-oai-${suffix}'
    keyVaultName: keyVault.outputs.name
    insightsName: monitoring.outputs.insightsName
  }
}

@description('Host name of the function app.')
output functionAppHostName string = functionApp.outputs.hostName

@description('Endpoint of the inference app.')
output inferenceEndpoint string = inference.outputs.endpoint
