@description('Azure region for the inference app.')
param location string

@description('Prefix for resource names.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the Log Analytics workspace for container logs.')
param workspaceId string

@description('Container image of the inference app (CPU or GPU build, see inference/README).')
param image string

@description('Minimum replicas (0 lets the app scale to zero when idle).')
@minValue(0)
param minReplicas int = 0

@description('Maximum replicas.')
@minValue(1)
param maxReplicas int = 5

@secure()
@description('API key the inference app requires; stored as a Container Apps secret, never in plain settings.')
param apiKey string

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-aca'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: reference(workspaceId, '2023-09-01').customerId
        sharedKey: listKeys(workspaceId, '2023-09-01').primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-inference'
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      secrets: [
        { name: 'inference-api-key', value: apiKey }
      ]
    }
    template: {
      containers: [
        {
          name: 'inference'
          image: image
          resources: { cpu: json('2.0'), memory: '4Gi' }
          env: [
            { name: 'ASPNETCORE_URLS', value: 'http://0.0.0.0:8080' }
            { name: 'Inference__ApiKey', secretRef: 'inference-api-key' }
          ]
          probes: [
            { type: 'Readiness', httpGet: { path: '/readyz', port: 8080 } }
            { type: 'Liveness', httpGet: { path: '/healthz', port: 8080 } }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          { name: 'http', http: { metadata: { concurrentRequests: '4' } } }
        ]
      }
    }
  }
}

@description('HTTPS endpoint of the inference app.')
output endpoint string = 'https://${app.properties.configuration.ingress.fqdn}'
