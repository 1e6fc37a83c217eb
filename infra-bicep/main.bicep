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

@description('Second deployment pass: subscribe the IncomingBlob function to BlobCreated events in incoming/. Needs the app deployed and started once (its blobs_extension host key must exist).')
param subscribeIncomingBlobEvents bool = false

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

module serviceBus 'modules/serviceBus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: '${namePrefix}-sb-${suffix}'
    tags: tags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    insightsConnectionString: monitoring.outputs.insightsConnectionString
    openAiEndpoint: openAi.outputs.endpoint
    chatDeployment: openAi.outputs.chatDeployment
    embeddingDeployment: openAi.outputs.embeddingDeployment
    inferenceEndpoint: inference.outputs.endpoint
    inferenceKeySecretUri: keyVault.outputs.inferenceKeySecretUri
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    completionTopicName: serviceBus.outputs.topicName
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
    serviceBusNamespaceName: serviceBus.outputs.name
    completionTopicName: serviceBus.outputs.topicName
  }
}

module eventGrid 'modules/eventGrid.bicep' = if (subscribeIncomingBlobEvents) {
  name: 'eventgrid'
  dependsOn: [ rbac ]
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    storageAccountName: storage.outputs.name
    functionAppName: functionApp.outputs.name
  }
}

@description('Host name of the function app.')
output functionAppHostName string = functionApp.outputs.hostName

@description('Fully qualified Service Bus namespace that ERP completions go to.')
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace

@description('Service Bus topic of ERP completions.')
output completionTopicName string = serviceBus.outputs.topicName

@description('Name of the function app (for the publish step).')
output functionAppName string = functionApp.outputs.name

@description('Endpoint of the inference app.')
output inferenceEndpoint string = inference.outputs.endpoint
