/**
 * Draws one curriculum's skill graph as Mermaid or Graphviz DOT text, for authors and trainers:
 * modules as boxes, prerequisites as arrows (prerequisite → skill), badges as hexagons fed by
 * the skills and badges their criteria name. Skills of other curricula appear greyed.
 */
import type { CriteriaRule, Curriculum } from '../../curricula/schema.ts';
import { qualify } from '../app/curricula-to-domain.ts';

export type GraphFormat = 'mermaid' | 'dot';
export type Language = 'fr' | 'en';

interface Drawing {
  modules: { id: string; title: string; skills: { id: string; title: string }[] }[];
  external: { id: string; title: string }[];
  badges: { id: string; title: string }[];
  edges: { from: string; to: string; kind: 'prerequisite' | 'criteria' }[];
}

/**
 * @param curriculum the curriculum to draw.
 * @param all every curriculum, to title the skills of other curricula it points at.
 * @returns the graph as text in the requested format.
 */
export function renderSkillGraph(
  curriculum: Curriculum,
  all: readonly Curriculum[],
  format: GraphFormat,
  language: Language = 'fr',
): string {
  const drawing = describe(curriculum, all, language);
  return format === 'mermaid' ? toMermaid(drawing) : toDot(drawing);
}

function describe(curriculum: Curriculum, all: readonly Curriculum[], language: Language): Drawing {
  const titles = new Map<string, string>();
  for (const c of all) {
    for (const skill of c.skills) titles.set(`${c.id}/${skill.id}`, skill.title[language]);
    for (const badge of c.badges) titles.set(`${c.id}/${badge.id}`, badge.title[language]);
  }
  const own = (id: string) => id.startsWith(`${curriculum.id}/`);
  const edges: Drawing['edges'] = [];
  const external = new Set<string>();
  for (const skill of curriculum.skills) {
    const to = qualify(curriculum.id, skill.id);
    for (const ref of skill.prerequisites) {
      const from = qualify(curriculum.id, ref);
      if (!own(from)) external.add(from);
      edges.push({ from, to, kind: 'prerequisite' });
    }
  }
  for (const badge of curriculum.badges) {
    const to = qualify(curriculum.id, badge.id);
    for (const ref of referencesOf(badge.criteria)) {
      const from = qualify(curriculum.id, ref);
      if (!own(from)) external.add(from);
      edges.push({ from, to, kind: 'criteria' });
    }
  }
  return {
    modules: curriculum.modules.map((module) => ({
      id: module.id,
      title: module.title[language],
      skills: curriculum.skills
        .filter((s) => s.module === module.id)
        .sort((a, b) => a.order - b.order)
        .map((s) => ({ id: qualify(curriculum.id, s.id), title: s.title[language] })),
    })),
    external: [...external]
      .sort()
      .map((id) => ({ id, title: `${id.split('/')[0]} · ${titles.get(id) ?? id}` })),
    badges: curriculum.badges.map((b) => ({
      id: qualify(curriculum.id, b.id),
      title: b.title[language],
    })),
    edges,
  };
}

function referencesOf(rule: CriteriaRule): string[] {
  if ('skill' in rule) return [rule.skill];
  if ('badge' in rule) return [rule.badge];
  return ('allOf' in rule ? rule.allOf : rule.of).flatMap(referencesOf);
}

/** Mermaid ids allow letters, digits and underscores only. */
function mermaidId(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, '_');
}

function mermaidLabel(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function toMermaid(drawing: Drawing): string {
  const lines = ['flowchart TD'];
  for (const module of drawing.modules) {
    lines.push(`  subgraph ${mermaidId(`module/${module.id}`)}["${mermaidLabel(module.title)}"]`);
    for (const skill of module.skills) {
      lines.push(`    ${mermaidId(skill.id)}["${mermaidLabel(skill.title)}"]`);
    }
    lines.push('  end');
  }
  for (const skill of drawing.external) {
    lines.push(`  ${mermaidId(skill.id)}["${mermaidLabel(skill.title)}"]:::external`);
  }
  for (const badge of drawing.badges) {
    lines.push(`  ${mermaidId(badge.id)}{{"🏅 ${mermaidLabel(badge.title)}"}}:::badge`);
  }
  for (const edge of drawing.edges) {
    const arrow = edge.kind === 'prerequisite' ? '-->' : '-.->';
    lines.push(`  ${mermaidId(edge.from)} ${arrow} ${mermaidId(edge.to)}`);
  }
  lines.push('  classDef external fill:#eeeeee,stroke:#888888,color:#333333');
  lines.push('  classDef badge fill:#fff3c4,stroke:#b8860b,color:#3d2c00');
  return `${lines.join('\n')}\n`;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function toDot(drawing: Drawing): string {
  const lines = ['digraph skills {', '  rankdir=TB;', '  node [shape=box, style=rounded];'];
  for (const module of drawing.modules) {
    lines.push(`  subgraph ${dotString(`cluster_${module.id}`)} {`);
    lines.push(`    label=${dotString(module.title)};`);
    for (const skill of module.skills) {
      lines.push(`    ${dotString(skill.id)} [label=${dotString(skill.title)}];`);
    }
    lines.push('  }');
  }
  for (const skill of drawing.external) {
    lines.push(
      `  ${dotString(skill.id)} [label=${dotString(skill.title)}, style="rounded,filled", fillcolor="#eeeeee"];`,
    );
  }
  for (const badge of drawing.badges) {
    lines.push(
      `  ${dotString(badge.id)} [label=${dotString(badge.title)}, shape=hexagon, style=filled, fillcolor="#fff3c4"];`,
    );
  }
  for (const edge of drawing.edges) {
    const style = edge.kind === 'criteria' ? ' [style=dashed]' : '';
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)}${style};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
