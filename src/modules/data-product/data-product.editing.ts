import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { EditingRules, linkOnCreate, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Sector } from '../sector/sector.entity';
import { DataProduct } from './data-product.entity';
import type { CreateDataProductInput, UpdateDataProductInput } from './data-product.inputs';

type ProductFields = { [K in keyof CreateDataProductInput]?: CreateDataProductInput[K] | Date | null };

const at = (f: string) => ['input', f];

/** A listing date as YYYY-MM-DD, not after today (the scalar hands over a Date). */
function listingDate(value: unknown, errors: UserErrors): string | null | undefined {
  if (value === undefined || value === null) return value;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) {
    errors.add(at('listedOn'), `"${String(value)}" is not a date; expected YYYY-MM-DD.`);
    return undefined;
  }
  const iso = date.toISOString().slice(0, 10);
  const year = Number(iso.slice(0, 4));
  if (year < check.MIN_YEAR || iso > new Date().toISOString().slice(0, 10)) {
    errors.add(at('listedOn'), `A listing date between ${check.MIN_YEAR}-01-01 and today is expected, got ${iso}.`);
    return undefined;
  }
  return iso;
}

async function cleanProduct(tx: SqlEntityManager, input: ProductFields, errors: UserErrors): Promise<Values> {
  return {
    nameZh: check.requiredName(input.nameZh as string | null | undefined, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn as string | null | undefined, at('nameEn'), errors, 300),
    aliases: check.aliasList(input.aliases as string[] | null | undefined, at('aliases'), errors),
    kind: input.kind === null ? (errors.add(at('kind'), 'kind cannot be cleared.'), undefined) : input.kind,
    providerId: await referenceId(tx, input.providerId as string | null | undefined, Enterprise, at('providerId'), errors),
    exchange: check.optionalText(input.exchange as string | null | undefined, at('exchange'), errors, 200),
    listedOn: listingDate(input.listedOn, errors),
    description: check.optionalText(input.description as string | null | undefined, at('description'), errors),
  };
}

export const dataProductEditing: EditingRules<DataProduct, CreateDataProductInput, UpdateDataProductInput> = {
  fields: ['nameZh', 'nameEn', 'aliases', 'kind', 'providerId', 'exchange', 'listedOn', 'description'],
  validateCreate: (tx, input, errors) => cleanProduct(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanProduct(tx, input, errors),
  afterCreate: (tx, id, input, errors) =>
    linkOnCreate(
      tx,
      { pivot: 'data_product_sector', ownColumn: 'data_product_id', otherColumn: 'sector_code', other: Sector, field: 'sectors', codes: true },
      id,
      input.sectors,
      errors,
    ),
};
