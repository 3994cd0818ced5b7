import { buildSchema, type ContainerType, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { features } from '../modules';
import type { ResolverBinding } from '../modules/feature';
import { authChecker } from './auth-checker';

/** Every feature's resolver classes, in list order. */
export const resolvers = nonEmpty(features.flatMap((feature) => feature.resolvers));

/** Resolvers are built by the app with their services; TypeGraphQL asks this container for them. */
export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<unknown, unknown>();

  constructor(bindings: readonly ResolverBinding[] = []) {
    for (const { type, instance } of bindings) this.instances.set(type, instance);
  }

  get(someClass: unknown): unknown {
    const instance = this.instances.get(someClass);
    if (instance !== undefined) return instance;
    // Resolvers without dependencies are created on demand.
    const created = new (someClass as new () => unknown)();
    this.instances.set(someClass, created);
    return created;
  }
}

export function createSchema(container: ContainerType): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    container,
    authChecker,
    validate: { forbidUnknownValues: true },
  });
}

function nonEmpty<T>(items: T[]): NonEmptyArray<T> {
  if (items.length === 0) throw new Error('No feature declares a resolver.');
  return items as NonEmptyArray<T>;
}
