import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { HashedColumns, SealedColumns } from '../db/secret-rotation';
import type { GraphQLContext } from '../graphql/context';
import type { Mailer } from '../integrations/sendgrid/sendgrid-mailer';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { JobHandlers, JobQueue } from '../queue';
import type { ImportTuning } from './imports';
import type { SweepTuning } from './mail';
import type { AccountVerifiedListener } from './auth';

/**
 * A feature module declares here what the app needs from it: its tables, its resolver classes and a
 * factory that builds its services. The database, the schema and createApp() are derived from the one
 * list in `modules/index.ts`, so a new feature is one folder and one line there.
 */

// TypeORM and TypeGraphQL take classes; any constructor will do.
type Class = abstract new (...args: never[]) => object;

export interface Feature<S = unknown> {
  name: string;
  /** Its TypeORM entities (their tables come from db/migrations, in order). */
  entities: Class[];
  /** Its TypeGraphQL resolver classes (the schema, including `npm run schema`, is built from them). */
  resolvers: Class[];
  /** Its columns of sealed secrets, re-encrypted under the newest key by `npm run rotate-secrets` (docs/secrets.md). */
  sealedColumns?: SealedColumns[];
  /** Its stored digests made with MOBIUS_HASH_KEYS keys, which `npm run rotate-secrets` reports on. */
  hashedColumns?: HashedColumns[];
  /** Builds its services once per app; features listed earlier are available through host.use(). */
  create(host: FeatureHost): FeatureInstance<S>;
}

/** What every feature's factory receives. */
export interface FeatureHost {
  config: Readonly<Config>;
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  /** The job queue: features enqueue jobs and keep their schedules there (docs/imports.md §4). */
  jobs: JobQueue;
  /** Durations tests shorten. */
  tuning: { imports?: Partial<ImportTuning>; mail?: Partial<SweepTuning> };
  /** Hook lists that features fill (FeatureInstance.onAccountVerified); read when the event happens. */
  hooks: { accountVerified: readonly AccountVerifiedListener[] };
  /** The services of a feature listed before this one. */
  use<T>(feature: Feature<T>): T;
}

export interface FeatureInstance<S> {
  /** What the app, the tests and later features may use. */
  services: S;
  /** Resolver instances with their services; resolver classes without dependencies are built on demand. */
  resolvers?: ResolverBinding[];
  /** Plain HTTP routes outside GraphQL (e.g. an OAuth callback). */
  routes?: FeatureRoute[];
  plugins?: Array<ApolloServerPlugin<GraphQLContext>>;
  /** Runs in the transaction that verifies an account. */
  onAccountVerified?: AccountVerifiedListener;
  /** Its job handlers by job name; a process that works the queue runs them. */
  jobs?: JobHandlers;
  /** Starts background work (its schedules); createApp skips it when told to (tests drive it by hand). */
  start?(): void | Promise<void>;
  /** Stops background work; called in reverse list order when the app closes. */
  stop?(): Promise<void>;
}

export interface ResolverBinding {
  type: Class;
  instance: object;
}

export interface FeatureRoute {
  method: 'get' | 'post';
  path: string;
  handler: RequestHandler;
}

/** Typed identity: checks a feature's declaration where it is written. */
export function defineFeature<S>(feature: Feature<S>): Feature<S> {
  return feature;
}

export function bindResolver<T extends object>(
  type: abstract new (...args: never[]) => T,
  instance: T,
): ResolverBinding {
  return { type, instance };
}

export interface BuiltFeatures {
  use<T>(feature: Feature<T>): T;
  resolvers: ResolverBinding[];
  routes: FeatureRoute[];
  plugins: Array<ApolloServerPlugin<GraphQLContext>>;
  jobs: JobHandlers;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds every feature in list order. */
export function buildFeatures(
  features: readonly Feature[],
  infrastructure: Omit<FeatureHost, 'use' | 'hooks'>,
): BuiltFeatures {
  const built = new Map<Feature, FeatureInstance<unknown>>();
  const accountVerified: AccountVerifiedListener[] = [];
  const use = <T>(feature: Feature<T>): T => {
    const instance = built.get(feature);
    if (!instance) throw new Error(`The ${feature.name} feature must be listed before the features that use it.`);
    return instance.services as T;
  };
  const host: FeatureHost = { ...infrastructure, hooks: { accountVerified }, use };
  for (const feature of features) {
    const instance = feature.create(host);
    if (instance.onAccountVerified) accountVerified.push(instance.onAccountVerified);
    built.set(feature, instance);
  }
  const instances = [...built.values()];
  return {
    use,
    resolvers: instances.flatMap((i) => i.resolvers ?? []),
    routes: instances.flatMap((i) => i.routes ?? []),
    plugins: instances.flatMap((i) => i.plugins ?? []),
    jobs: Object.assign({}, ...instances.map((i) => i.jobs ?? {})) as JobHandlers,
    start: async () => {
      for (const instance of instances) await instance.start?.();
    },
    stop: async () => {
      for (const instance of [...instances].reverse()) await instance.stop?.();
    },
  };
}
