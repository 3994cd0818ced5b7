export { importsFeature } from './imports.feature';
export type { ImportsModule, ImportTuning } from './imports.module';
