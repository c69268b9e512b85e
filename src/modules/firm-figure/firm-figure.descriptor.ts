import { defineEntityType } from '../../common/entity-type';
import { firmFigureEditing } from './firm-figure.editing';
import { FirmFigure } from './firm-figure.entity';

/** The FirmFigure type as the shared machinery sees it: see src/common/entity-type.ts. */
export const firmFigureType = defineEntityType(FirmFigure, {
  alias: 'ff',
  editing: firmFigureEditing,
});
