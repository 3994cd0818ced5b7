import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';

/** A named, revocable, read-only API token for partner tooling; only an HMAC of the token is stored. */
@ObjectType({ description: 'A read-only API token (the token itself is shown once, when created).' })
@Entity('api_tokens')
@Index('IDX_api_tokens_hash', ['tokenHash'], { unique: true })
@Index('IDX_api_tokens_account', ['accountId'])
export class ApiToken {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_api_tokens_account' })
  account?: Account;

  @Field()
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The MOBIUS_HASH_KEYS key that made tokenHash (null: the legacy key); moved to the newest key on use. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  hashKeyId: string | null;

  @Field({ description: 'The start and the last 4 characters, e.g. mob_…x9Qa, to tell tokens apart.' })
  @Column({ type: 'varchar', length: 16 })
  tokenHint: string;

  @Field()
  @DateColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' })
  @DateColumn({ nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @DateColumn({ nullable: true })
  revokedAt: Date | null;
}
