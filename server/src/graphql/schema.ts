import { buildSchema, type ContainerType, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AccountResolver } from '../modules/account/account.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { ConnectWiseResolver } from '../modules/connectwise/connectwise.resolver';
import { ApiTokenResolver } from '../modules/api-tokens/api-token.resolver';
import { ImportResolver } from '../modules/imports/import.resolver';
import { QuickBooksResolver } from '../modules/quickbooks/quickbooks.resolver';
import { authChecker } from './auth-checker';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AccountResolver,
  AuthResolver,
  ConnectWiseResolver,
  QuickBooksResolver,
  ApiTokenResolver,
  ImportResolver,
];

/** Resolvers are built by the app with their services; TypeGraphQL asks this container for them. */
export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<unknown, unknown>();

  register<T>(type: new (...args: never[]) => T, instance: T): this {
    this.instances.set(type, instance);
    return this;
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
