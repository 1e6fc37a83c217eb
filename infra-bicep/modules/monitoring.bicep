@description('Azure region for the monitoring resources.')
param location string

@description('Prefix for resource names.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is sent with Entra ID (the app's managed identity), not the instrumentation key.
    DisableLocalAuth: true
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Name of the Application Insights component.')
output insightsName string = insights.name

@description('Connection string of Application Insights (not a secret: ingestion needs Entra ID since local auth is off).')
output insightsConnectionString string = insights.properties.ConnectionString
