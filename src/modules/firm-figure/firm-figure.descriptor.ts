import { defineEntityType } from '../../common/entity-type';
import { firmFigureEditing } from './firm-figure.editing';
import { FirmFigure } from './firm-figure.entity';
import type { AddFirmFigureInput, UpdateFirmFigureInput } from './firm-figure.inputs';

/** The FirmFigure type as the shared machinery sees it: see src/common/entity-type.ts. */
export const firmFigureType = defineEntityType<FirmFigure, AddFirmFigureInput, UpdateFirmFigureInput>(FirmFigure, {
  typeName: 'FirmFigure',
  alias: 'ff',
  editing: firmFigureEditing,
});
