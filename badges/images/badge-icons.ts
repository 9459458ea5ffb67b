/**
 * The icons a badge can show, drawn for Grange on a 24×24 grid with simple shapes. Each is an
 * SVG fragment meant for a group that sets `stroke="currentColor"`, `fill="none"`, round caps
 * and joins; solid parts say `fill="currentColor"`. The list and its order match the curricula's
 * `BADGE_ICONS` (badges/ cannot import curricula/, a test keeps the two in step).
 */

export const BADGE_ICON_NAMES = [
  'star',
  'shield',
  'key',
  'lock',
  'code',
  'puzzle',
  'robot',
  'bug',
  'loop',
  'lightbulb',
  'globe',
  'mail',
  'video',
  'phone',
  'computer',
  'id-card',
  'handshake',
  'compass',
  'briefcase',
  'document',
  'users',
  'tent',
  'heart',
  'rocket',
  'graduation-cap',
  'chat',
  'search',
  'eye',
  'house',
  'euro',
] as const;

export type BadgeIconName = (typeof BADGE_ICON_NAMES)[number];

const SOLID = 'fill="currentColor"';

/** A regular star's outline, points alternating between the outer and inner radius. */
function starPoints(cx: number, cy: number, outer: number, inner: number, points: number): string {
  const coordinates: string[] = [];
  for (let k = 0; k < points * 2; k++) {
    const radius = k % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (k * Math.PI) / points;
    const x = cx + radius * Math.cos(angle);
    const y = cy + radius * Math.sin(angle);
    coordinates.push(`${x.toFixed(2)},${y.toFixed(2)}`);
  }
  return coordinates.join(' ');
}

export const BADGE_ICONS: Readonly<Record<BadgeIconName, string>> = {
  star: `<polygon points="${starPoints(12, 12.8, 10.5, 4.4, 5)}" ${SOLID}/>`,
  shield:
    '<path d="M12 2.5 L20 5.5 V11 C20 16.2 16.6 19.9 12 21.5 C7.4 19.9 4 16.2 4 11 V5.5 Z"/>' +
    '<path d="M8.5 12 L11 14.5 L15.5 9.5"/>',
  key:
    '<circle cx="7.5" cy="16.5" r="4.5"/>' +
    '<path d="M10.7 13.3 L20.5 3.5"/><path d="M17.5 6.5 L20 9"/><path d="M14.8 9.2 L16.8 11.2"/>',
  lock:
    '<rect x="4.5" y="10.5" width="15" height="11" rx="2"/>' +
    '<path d="M8 10.5 V7.5 A4 4 0 0 1 16 7.5 V10.5"/>' +
    `<circle cx="12" cy="15.3" r="1.4" ${SOLID}/><path d="M12 16.5 V18.3"/>`,
  code: '<path d="M8 6.5 L2.5 12 L8 17.5"/><path d="M16 6.5 L21.5 12 L16 17.5"/><path d="M14 4.5 L10 19.5"/>',
  puzzle:
    '<path d="M3.5 7 H8.3 A2.7 2.7 0 1 1 13.7 7 H18.5 V11.3 A2.7 2.7 0 1 1 18.5 16.7 V21 H3.5 Z"/>',
  robot:
    '<rect x="4.5" y="8" width="15" height="12" rx="2.5"/>' +
    `<path d="M12 8 V4.5"/><circle cx="12" cy="3.2" r="1.3" ${SOLID}/>` +
    `<circle cx="9" cy="13" r="1.6" ${SOLID}/><circle cx="15" cy="13" r="1.6" ${SOLID}/>` +
    '<path d="M9.5 16.8 H14.5"/><path d="M2 12.5 V15.5"/><path d="M22 12.5 V15.5"/>',
  bug:
    '<ellipse cx="12" cy="14.5" rx="5" ry="6.5"/><path d="M9 7.8 A3 3 0 0 1 15 7.8"/>' +
    '<path d="M12 10 V20.5"/><path d="M10.3 5.3 L8.8 3"/><path d="M13.7 5.3 L15.2 3"/>' +
    '<path d="M7.2 11.5 L3.5 9.5"/><path d="M7 15 H3"/><path d="M7.5 18.3 L4 20.5"/>' +
    '<path d="M16.8 11.5 L20.5 9.5"/><path d="M17 15 H21"/><path d="M16.5 18.3 L20 20.5"/>',
  loop:
    '<path d="M4.5 12 A7.5 7.5 0 0 1 17.3 6.7"/><path d="M13.3 6.7 H17.3 V2.7"/>' +
    '<path d="M19.5 12 A7.5 7.5 0 0 1 6.7 17.3"/><path d="M10.7 17.3 H6.7 V21.3"/>',
  lightbulb:
    '<path d="M9 16.5 C9 14 5.5 12.5 5.5 8.8 A6.5 6.5 0 0 1 18.5 8.8 C18.5 12.5 15 14 15 16.5 Z"/>' +
    '<path d="M9.5 19.3 H14.5"/><path d="M10.5 22 H13.5"/><path d="M12 16.5 V12.5"/>',
  globe:
    '<circle cx="12" cy="12" r="9.5"/><ellipse cx="12" cy="12" rx="4" ry="9.5"/>' +
    '<path d="M2.5 12 H21.5"/><path d="M4 7 H20"/><path d="M4 17 H20"/>',
  mail: '<rect x="2.5" y="5.5" width="19" height="13" rx="1.8"/><path d="M3 6.5 L12 13.5 L21 6.5"/>',
  video:
    '<rect x="2" y="6.5" width="13.5" height="11" rx="2"/>' +
    '<path d="M15.5 10.5 L21.5 7 V17 L15.5 13.5 Z"/>',
  phone:
    '<rect x="6.5" y="2" width="11" height="20" rx="2.2"/>' +
    `<path d="M10 4.8 H14"/><circle cx="12" cy="18.5" r="1.2" ${SOLID}/>`,
  computer:
    '<rect x="2.5" y="3.5" width="19" height="13" rx="1.5"/>' +
    '<path d="M12 16.5 V20.5"/><path d="M7.5 20.5 H16.5"/>',
  'id-card':
    '<rect x="2" y="5" width="20" height="14" rx="2"/><circle cx="8" cy="10.5" r="2.2"/>' +
    '<path d="M4.8 16.2 C4.8 13.3 11.2 13.3 11.2 16.2"/>' +
    '<path d="M14 10 H19"/><path d="M14 13 H19"/><path d="M14 16 H17"/>',
  handshake:
    `<path d="M1 8.2 L4.3 7 L6.6 14.6 L3.3 15.8 Z" ${SOLID}/>` +
    `<path d="M23 8.2 L19.7 7 L17.4 14.6 L20.7 15.8 Z" ${SOLID}/>` +
    '<path d="M5 8.6 L8.5 7.2 L11 8.2"/>' +
    '<path d="M19 8.6 L15.5 7.2 C14 6.7 12.6 7.2 11.4 8.2 L8.6 10.6 A1.3 1.3 0 0 0 10.4 12.5 L13 10.5"/>' +
    '<path d="M13 10.5 L17.6 14.8"/>' +
    '<path d="M6.4 14.6 L8.8 19.1 A1.2 1.2 0 0 0 10.6 17.6"/>' +
    '<path d="M10.6 17.6 L11.6 18.6 A1.2 1.2 0 0 0 13.4 16.9"/>' +
    '<path d="M13.4 16.9 L14.4 17.9 A1.2 1.2 0 0 0 16.2 16.2"/>' +
    '<path d="M16.2 16.2 L16.8 16.8 A1.2 1.2 0 0 0 17.6 14.8"/>',
  compass:
    '<circle cx="12" cy="12" r="9.5"/>' +
    '<path d="M16 8 L13.4 13.4 L8 16 L10.6 10.6 Z"/>' +
    `<path d="M16 8 L10.6 10.6 L13.4 13.4 Z" ${SOLID}/>`,
  briefcase:
    '<rect x="2.5" y="7" width="19" height="13" rx="2"/>' +
    '<path d="M8.5 7 V5 A1.5 1.5 0 0 1 10 3.5 H14 A1.5 1.5 0 0 1 15.5 5 V7"/>' +
    `<path d="M2.5 12.5 H21.5"/><rect x="10.3" y="11" width="3.4" height="3" rx="0.6" ${SOLID}/>`,
  document:
    '<path d="M5.5 2.5 H14 L19 7.5 V21.5 H5.5 Z"/><path d="M14 2.5 V7.5 H19"/>' +
    '<path d="M8.5 11.5 H16"/><path d="M8.5 14.8 H16"/><path d="M8.5 18 H13"/>',
  users:
    '<circle cx="9" cy="8" r="3.4"/><path d="M2.5 20.5 C2.5 15.8 5.5 13.5 9 13.5 C12.5 13.5 15.5 15.8 15.5 20.5"/>' +
    '<path d="M15 4.9 A3.1 3.1 0 1 1 15.8 10.9"/><path d="M17.5 13.6 C20 14.4 21.5 16.6 21.5 20"/>',
  tent:
    '<path d="M12 5 L2.5 20.5"/><path d="M12 5 L21.5 20.5"/><path d="M1.5 20.5 H22.5"/>' +
    '<path d="M12 5 L10.3 2.5"/><path d="M12 5 L13.7 2.5"/>' +
    `<path d="M8.8 20.5 L12 14 L15.2 20.5 Z" ${SOLID}/>`,
  heart:
    '<path d="M12 20.5 C12 20.5 2.5 14.8 2.5 8.8 C2.5 5.9 4.8 3.8 7.4 3.8 C9.4 3.8 11.1 5 12 6.6 ' +
    `C12.9 5 14.6 3.8 16.6 3.8 C19.2 3.8 21.5 5.9 21.5 8.8 C21.5 14.8 12 20.5 12 20.5 Z" ${SOLID}/>`,
  rocket:
    '<path d="M12 2 C15.8 4.8 16.8 9.5 15.5 16 H8.5 C7.2 9.5 8.2 4.8 12 2 Z"/>' +
    '<circle cx="12" cy="9" r="2"/>' +
    '<path d="M8.6 11.8 L5.5 15.3 V18.6 L8.8 16.6"/><path d="M15.4 11.8 L18.5 15.3 V18.6 L15.2 16.6"/>' +
    '<path d="M10.3 18.5 L12 22 L13.7 18.5"/>',
  'graduation-cap':
    `<path d="M12 4 L22.5 9 L12 14 L1.5 9 Z" ${SOLID}/>` +
    '<path d="M6 11.5 V16 C6 17.6 9 19.2 12 19.2 C15 19.2 18 17.6 18 16 V11.5"/>' +
    '<path d="M21.5 9.5 V15.5"/>',
  chat:
    '<path d="M4.5 4 H19.5 A2 2 0 0 1 21.5 6 V14.5 A2 2 0 0 1 19.5 16.5 H10.5 L5.5 20.5 V16.5 H4.5 ' +
    'A2 2 0 0 1 2.5 14.5 V6 A2 2 0 0 1 4.5 4 Z"/>' +
    `<circle cx="8" cy="10.3" r="1.3" ${SOLID}/><circle cx="12" cy="10.3" r="1.3" ${SOLID}/>` +
    `<circle cx="16" cy="10.3" r="1.3" ${SOLID}/>`,
  search: '<circle cx="10" cy="10" r="6.8"/><path d="M15 15 L21 21" stroke-width="3"/>',
  eye:
    '<path d="M1.5 12 C4.5 6.3 19.5 6.3 22.5 12 C19.5 17.7 4.5 17.7 1.5 12 Z"/>' +
    `<circle cx="12" cy="12" r="3.3"/><circle cx="12" cy="12" r="1.3" ${SOLID}/>`,
  house:
    '<path d="M2.5 11.5 L12 3.5 L21.5 11.5"/><path d="M5.5 9.5 V20.5 H18.5 V9.5"/>' +
    '<path d="M10 20.5 V14.5 H14 V20.5"/>',
  euro: '<path d="M18.5 6.3 A7.6 7.6 0 1 0 18.5 17.7"/><path d="M3.5 10.2 H13"/><path d="M3.5 13.8 H13"/>',
};
