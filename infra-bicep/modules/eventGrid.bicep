@description('Azure region of the storage account (a system topic lives where its source does).')
param location string

@description('Prefix for resource names.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Name of the storage account whose BlobCreated events feed the blob trigger.')
param storageAccountName string

@description('Name of the function app whose IncomingBlob function (blob trigger, Source = EventGrid) receives the events.')
param functionAppName string

@description('Container the blob trigger watches.')
param incomingContainer string = 'incoming'

@description('Function name of the blob trigger, as the Functions host registers it (Host.Functions.{name}).')
param blobFunctionName string = 'IncomingBlob'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The host's blobs_extension system key exists once the host has started with an Event Grid blob trigger
// deployed, so this module runs in the second deployment pass (see README, Deploy). The key goes only into
// the subscription's webhook URL (the blob extension's endpoint accepts nothing else), never into app settings.
var blobsExtensionKey = listKeys('${site.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${namePrefix}-storage-events'
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource incomingBlobs 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: systemTopic
  name: 'incoming-blob-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The blob extension's own endpoint; it answers Event Grid's validation handshake itself.
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${blobFunctionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${incomingContainer}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('Name of the Event Grid system topic on the storage account.')
output systemTopicName string = systemTopic.name
