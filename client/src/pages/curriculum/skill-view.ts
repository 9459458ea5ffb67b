/**
 * What the graph and the list show of each skill — the same facts for both, so that the list is
 * a full alternative to the drawing: title, status, level reached, levels, prerequisites.
 */
import type { SkillStatus } from '../../components/skill-status.ts';

export interface SkillView {
  /** Global id, `<curriculum>/<skill>`. */
  id: string;
  title: string;
  moduleId: string;
  status: SkillStatus;
  /** The level reached, when the skill has levels and one is validated. */
  level: number | null;
  /** Titles of the skill's levels, in order (empty: no levels). */
  levels: string[];
  /** Prerequisites, with their title (and status when they are in this curriculum). */
  prerequisites: Array<{ id: string; title: string; status: SkillStatus | null }>;
}

export interface ModuleView {
  id: string;
  title: string;
}
