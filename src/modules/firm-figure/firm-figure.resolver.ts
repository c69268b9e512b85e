import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseById } from '../enterprise/enterprise.service';
import { FirmFigure } from './firm-figure.entity';
import { figuresOf } from './firm-figure.service';

@Resolver(() => FirmFigure)
export class FirmFigureResolver {
  @FieldResolver(() => Enterprise, { nullable: true, description: 'The firm the figure belongs to.' })
  enterprise(@Root() figure: FirmFigure, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return enterpriseById(ctx, figure.enterprise.id);
  }
}

// A link from a type lower in the module order (see eslint.config.mjs): resolved here, so the
// enterprise module never imports this one.
@Resolver(() => Enterprise)
export class EnterpriseFiguresResolver {
  @FieldResolver(() => [FirmFigure], {
    description:
      '企业年度指标 The firm’s yearly figures (营业收入, 从业人数, 研发投入), newest year first; empty when none is recorded. Never estimated: each carries its provenance.',
  })
  async figures(
    @Root() firm: Enterprise,
    @Arg('year', () => Int, { nullable: true, description: 'Only the figures of this year.' }) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<FirmFigure[]> {
    const all = await figuresOf(ctx, firm.id);
    return year === null || year === undefined ? all : all.filter((f) => f.year === year);
  }
}
