import { features } from '../modules';

/** Every feature's tables (their schema comes from db/migrations). */
export const entities = features.flatMap((feature) => feature.entities);
