export { CONNECTION_CHECK_THROTTLE_RULES } from './check-throttle';
export { connectionChecksFeature, type ConnectionChecksServices } from './connection-checks.feature';
