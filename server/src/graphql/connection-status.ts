import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** The health of one external connection, as the dashboard and partner tooling read it (docs/product.md §7, §8). */

export enum ConnectionState {
  NOT_CONNECTED = 'NOT_CONNECTED',
  CONNECTED = 'CONNECTED',
  EXPIRING = 'EXPIRING',
  LOST = 'LOST',
}

registerEnumType(ConnectionState, {
  name: 'ConnectionState',
  description:
    'NOT_CONNECTED: never set up or disconnected; EXPIRING: must be reconnected by reconnectBy; LOST: must be reconnected now.',
});

@ObjectType({ simpleResolvers: true })
export class ConnectionStatus {
  @Field(() => ConnectionState)
  state: ConnectionState;

  @Field(() => String, { nullable: true, description: 'What happened and what to do, for a person.' })
  message: string | null;

  @Field(() => Date, { nullable: true, description: 'When Mobius last validated the connection.' })
  checkedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The connection must be re-established before this time.' })
  reconnectBy: Date | null;
}
