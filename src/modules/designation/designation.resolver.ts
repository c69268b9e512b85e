import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseById } from '../enterprise/enterprise.service';
import { Designation } from './designation.entity';
import { designationsOf } from './designation.service';

@Resolver(() => Designation)
export class DesignationResolver {
  @FieldResolver(() => Enterprise, { nullable: true, description: 'The firm holding the recognition.' })
  enterprise(@Root() designation: Designation, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return enterpriseById(ctx, designation.enterprise.id);
  }
}

// A link from a type lower in the module order (see eslint.config.mjs): resolved here, so the
// enterprise module never imports this one.
@Resolver(() => Enterprise)
export class EnterpriseDesignationsResolver {
  @FieldResolver(() => [Designation], {
    description:
      '资质认定 Recognitions the firm holds (专精特新, “小巨人”, 高新技术企业, 瞪羚, 独角兽, 链主), by kind then level; empty when none is recorded.',
  })
  designations(@Root() firm: Enterprise, @Ctx() ctx: Context): Promise<Designation[]> {
    return designationsOf(ctx, firm.id);
  }
}
