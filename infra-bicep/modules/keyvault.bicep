@description('Azure region for the key vault.')
param location string

@description('Key vault name (3-24 characters).')
param vaultName string

@description('Tags applied to every resource.')
param tags object

@secure()
@description('API key of the inference app, kept here so the function app reads it by Key Vault reference.')
param inferenceApiKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    // Access through Azure RBAC only (see rbac.bicep); no access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource inferenceKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'inference-api-key'
  properties: { value: inferenceApiKey }
}

@description('Resource id of the key vault.')
output id string = vault.id

@description('Name of the key vault.')
output name string = vault.name

@description('Versionless URI of the inference API key secret.')
output inferenceKeySecretUri string = '${vault.properties.vaultUri}secrets/${inferenceKey.name}'
