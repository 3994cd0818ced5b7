export { connectionChecksFeature, type ConnectionChecksServices } from './connection-checks.feature';
