@description('Azure region for Azure OpenAI (one where the chosen models are offered).')
param location string

@description('Azure OpenAI account name (also its custom subdomain).')
param accountName string

@description('Tags applied to every resource.')
param tags object

@description('Chat model deployment used for summaries and classification.')
param chatModel object = {
  name: 'gpt-4o-mini'
  version: '2024-07-18'
  capacity: 30
}

@description('Embedding model deployment.')
param embeddingModel object = {
  name: 'text-embedding-3-small'
  version: '1'
  capacity: 30
}

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: accountName
    // Keys are off: the function app calls with its managed identity.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: chatModel.name
  sku: { name: 'GlobalStandard', capacity: chatModel.capacity }
  properties: {
    model: { format: 'OpenAI', name: chatModel.name, version: chatModel.version }
  }
}

resource embedding 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: embeddingModel.name
  dependsOn: [ chat ]
  sku: { name: 'Standard', capacity: embeddingModel.capacity }
  properties: {
    model: { format: 'OpenAI', name: embeddingModel.name, version: embeddingModel.version }
  }
}

@description('Resource id of the Azure OpenAI account.')
output id string = account.id

@description('Endpoint of the Azure OpenAI account.')
output endpoint string = account.properties.endpoint

@description('Chat deployment name.')
output chatDeployment string = chat.name

@description('Embedding deployment name.')
output embeddingDeployment string = embedding.name
