import { Field, InputType } from 'type-graphql';
import { DirectoryFilterFields } from './filter.inputs';

/**
 * The base of an entity's filter: the shared fields plus `and`/`or`/`not`, each taking the
 * filter itself (`self`, a thunk because the class is still being defined). Filters published
 * in 0.1.0 declare their deprecated `AND`/`OR`/`NOT` spellings themselves: type-graphql 2.0.0-rc.4
 * drops a deprecation reason when an input type inherits the field.
 */
export function composableFilter(name: string, self: () => object) {
  @InputType(`${name}Combinators`, { description: 'Never in the schema itself: its fields are inherited.' })
  abstract class ComposableFilter extends DirectoryFilterFields {
    declare and?: this[] | null;
    declare or?: this[] | null;
    declare not?: this | null;
  }
  const field = (key: string, list: boolean, description: string): void => {
    Field(() => (list ? [self()] : self()), { nullable: true, description })(ComposableFilter.prototype, key);
  };
  field('and', true, 'Every one of these filters holds (且).');
  field('or', true, 'At least one of these filters holds (或).');
  field('not', false, `This filter does not hold (非). Wrap several in and or or.`);
  return ComposableFilter;
}

/**
 * Declares the 0.1.0 spellings `AND`/`OR`/`NOT` (deprecated) on a published filter. Applied to
 * the filter class itself after its declaration, because an inherited field would lose its
 * deprecation reason; the class declares the three properties for the type checker.
 */
export function legacyCombinators(filter: new () => object): void {
  const field = (key: string, list: boolean, spelling: string, description: string): void => {
    Field(() => (list ? [filter] : filter), {
      nullable: true,
      deprecationReason: `Use ${spelling} (GraphQL input fields are camelCase).`,
      description,
    })(filter.prototype, key);
  };
  field('AND', true, 'and', 'Every one of these filters holds (且).');
  field('OR', true, 'or', 'At least one of these filters holds (或).');
  field('NOT', false, 'not', 'This filter does not hold (非). Wrap several in AND or OR.');
}
