@description('Azure region for the Service Bus namespace.')
param location string

@description('Globally unique namespace name (6-50 characters).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Tags applied to every resource.')
param tags object

@description('Topic the app publishes ERP completion CloudEvents to.')
param completionTopicName string = 'erp-completions'

@description('Subscriptions created on the topic (one per receiving ERP); a topic without subscriptions drops every message.')
param subscriptionNames array = [
  'erp'
]

@description('How long the topic remembers message ids: a completion re-sent within it (message id = {instance}:notify) is dropped.')
param duplicateDetectionWindow string = 'P1D'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    // Entra ID only: SAS keys and connection strings are refused.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: completionTopicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
    supportOrdering: false
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [for name in subscriptionNames: {
  parent: topic
  name: name
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
  }
}]

@description('Name of the namespace.')
output name string = namespace.name

@description('Fully qualified namespace host name, as ServiceBusClient takes it (no scheme, no port).')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Name of the completion topic.')
output topicName string = topic.name
