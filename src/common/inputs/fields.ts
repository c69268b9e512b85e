import { Field } from 'type-graphql';

/** What an input field's type may be: a scalar, enum or input class, or a list `[of]` one. */
export type InputFieldType = object | object[];

/**
 * An optional input field: nullable, of `type`, with its description. Most fields of the create,
 * update and filter inputs are this, so each is declared on one line; fields with a default or a
 * deprecation keep the full `@Field`.
 */
export function OptionalField(type: InputFieldType, description: string) {
  return Field(() => type, { nullable: true, description });
}

/**
 * The `search` field of a directory filter: one wording of what the text search matches, so every
 * list describes it alike. `matching` names what is searched ("a name or alias", "the title").
 */
export function SearchField(matching = 'a name or alias') {
  return OptionalField(
    String,
    `搜索 Text matching ${matching}: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters.`,
  );
}
