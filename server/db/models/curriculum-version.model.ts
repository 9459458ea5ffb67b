/** A curriculum as it was imported: its parsed content (JSON) under its content hash. */
import { EngineRowModel } from './engine-row.model.ts';

export class CurriculumVersionModel extends EngineRowModel {
  static override tableName = 'curriculum_versions';
  static override idColumn = ['curriculumId', 'contentHash'];
  static override instantColumns = ['importedAt'];
  static override booleanColumns = ['isCurrent'];

  declare curriculumId: string;
  declare contentHash: string;
  /** The parsed curriculum, as JSON text. */
  declare content: string;
  declare importedAt: string;
  declare isCurrent: boolean;
}
