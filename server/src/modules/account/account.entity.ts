import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';

@ObjectType({ description: 'A Mobius account: one managed-service provider.' })
@Entity('accounts')
@Index('IDX_accounts_email', ['email'], { unique: true })
export class Account {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Field({ description: 'Normalised email address: trimmed, local part lower-case, domain in its ASCII (IDNA) form.' })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  companyName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  passwordHash: string | null;

  @DateColumn({ nullable: true })
  emailVerifiedAt: Date | null;

  /** Bumped by logout and password changes: every JWT carrying an older version is dead. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Field()
  @DateColumn()
  createdAt: Date;

  @DateColumn()
  updatedAt: Date;

  @Field()
  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null && this.emailVerifiedAt !== undefined;
  }
}
