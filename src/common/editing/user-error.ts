import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Codes a mutation's `userErrors` can carry (a subset of ErrorCode in ../errors): expected failures the client can act on. */
export enum UserErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  DUPLICATE = 'DUPLICATE',
  CONFLICT = 'CONFLICT',
  HAS_DEPENDANTS = 'HAS_DEPENDANTS',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: '用户错误代码 Why a mutation did not write: the client can fix the input and retry.',
  valuesConfig: {
    BAD_USER_INPUT: { description: '输入无效 A value is invalid (empty name, bad credit code, out-of-range year, ...).' },
    NOT_FOUND: { description: '记录不存在 A record the input names does not exist.' },
    DUPLICATE: { description: '重复 Another record already holds this unique value; `existingId` names it.' },
    CONFLICT: { description: '版本冲突 The record changed since you read it; `currentVersion` is its version now. Nothing was written.' },
    HAS_DEPENDANTS: { description: '存在依赖 Other records depend on this one; pass detach: true (in the delete input) to unlink them.' },
  },
});

@ObjectType({ description: '用户错误 An expected failure of a mutation: which input field, what is wrong, and a code.' })
export class UserError {
  @Field(() => [String], { description: 'Path to the input field at fault, e.g. ["input", "creditCode"].' })
  field!: string[];

  @Field({ description: 'What is wrong and what is expected, in words a person can act on.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code!: UserErrorCode;

  @Field(() => Int, { nullable: true, description: 'With CONFLICT: the version the record has now. Re-read it, reapply your change, retry.' })
  currentVersion?: number | null;

  @Field(() => ID, { nullable: true, description: 'With DUPLICATE: the ID of the record that already holds the value.' })
  existingId?: string | null;
}

/** Collects the user errors of one mutation; it writes nothing unless the list stays empty. */
export class UserErrors {
  readonly list: UserError[] = [];

  add(field: string[], message: string, code: UserErrorCode = UserErrorCode.BAD_USER_INPUT, extra: Partial<UserError> = {}): void {
    this.list.push(Object.assign(new UserError(), { field, message, code, ...extra }));
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** Thrown inside a write transaction to roll it back and answer with these user errors. */
export class UserErrorsAbort extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}
