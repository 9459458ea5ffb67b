/**
 * A badge's alignments to public frameworks (framework, code, label, link). The GraphQL API does
 * not carry them; the badge's public Open Badges 2.0 BadgeClass does (`/ob2/badges/<id>`, JSON-LD
 * every verifier reads), so the overview reads them there. Anything unexpected in that document
 * is left out rather than shown wrong.
 */

export interface Alignment {
  framework: string | null;
  code: string | null;
  name: string;
  url: string;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * @param badgeClass the parsed BadgeClass JSON.
 * @returns its alignments with a name and an http(s) link, in the document's order.
 */
export function alignmentsOf(badgeClass: unknown): Alignment[] {
  if (typeof badgeClass !== 'object' || badgeClass === null) return [];
  const list = (badgeClass as { alignment?: unknown }).alignment;
  if (!Array.isArray(list)) return [];
  const alignments: Alignment[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    const name = text(entry.targetName);
    const url = text(entry.targetUrl);
    if (name === null || url === null || !/^https?:\/\//i.test(url)) continue;
    alignments.push({
      framework: text(entry.targetFramework),
      code: text(entry.targetCode),
      name,
      url,
    });
  }
  return alignments;
}

/**
 * @param badgeId a badge's global id, `<curriculum>/<badge>`.
 * @param fetcher `fetch` (tests pass their own).
 * @returns its alignments.
 * @throws when the server does not answer with the BadgeClass.
 */
export async function fetchBadgeAlignments(
  badgeId: string,
  fetcher: (url: string, init: RequestInit) => Promise<Response> = (url, init) =>
    window.fetch(url, init),
): Promise<Alignment[]> {
  const path = badgeId.split('/').map(encodeURIComponent).join('/');
  const response = await fetcher(`/ob2/badges/${path}`, {
    headers: { accept: 'application/ld+json, application/json' },
  });
  if (!response.ok) throw new Error(`BadgeClass ${badgeId}: ${response.status}`);
  return alignmentsOf(await response.json());
}
