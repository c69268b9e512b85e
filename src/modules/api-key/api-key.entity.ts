import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { ROLES, type Role } from '../../common/auth';

/**
 * An API key. Only the SHA-256 of the key is stored; the key itself is shown once, when it is
 * created. Keys are revoked, never deleted, so the audit trail can always name its author.
 */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => [...ROLES] })
  role!: Role;

  /** The first characters of the key (e.g. qdai_AbC123xy), for lists and `keys revoke <prefix>`. */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text', unique: 'api_key_key_hash_unique' })
  keyHash!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
