import { Field } from 'type-graphql';

/**
 * The `search` field of a directory filter: one wording of what the text search matches, so every
 * list describes it alike. `matching` names what is searched ("a name or alias", "the title").
 */
export function SearchField(matching = 'a name or alias') {
  return Field(() => String, {
    nullable: true,
    description: `搜索 Text matching ${matching}: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters.`,
  });
}
