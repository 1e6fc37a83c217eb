using 'main.bicep'

param environmentName = readEnvironmentVariable('SDAI_ENVIRONMENT', 'dev')
param inferenceImage = readEnvironmentVariable('SDAI_INFERENCE_IMAGE', 'ghcr.io/example/serverless-inference:latest')
param inferenceApiKey = readEnvironmentVariable('INFERENCE_API_KEY', '')
param subscribeIncomingBlobEvents = bool(readEnvironmentVariable('SDAI_SUBSCRIBE_BLOB_EVENTS', 'false'))
