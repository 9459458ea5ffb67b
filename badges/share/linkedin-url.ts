/**
 * LinkedIn's "add a certification to my profile" link (openbadges.md §6: the parameters LinkedIn
 * reads), used by the public badge page and the web client alike. Pure, so the browser bundle
 * can import it.
 */

/**
 * @param input the badge name, when it was issued (ISO 8601), the public verification URL and the
 *   award id (LinkedIn's certificate id).
 * @returns the URL that opens LinkedIn's form already filled in.
 */
export function linkedInAddUrl(input: {
  name: string;
  issuedAt: string;
  certUrl: string;
  certId: string;
}): string {
  const issued = new Date(input.issuedAt);
  const query = [
    'startTask=CERTIFICATION_NAME',
    `name=${encodeURIComponent(input.name)}`,
    `organizationName=${encodeURIComponent('Grange Numérique')}`,
    `issueYear=${issued.getUTCFullYear()}`,
    `issueMonth=${issued.getUTCMonth() + 1}`,
    `certUrl=${encodeURIComponent(input.certUrl)}`,
    `certId=${encodeURIComponent(input.certId)}`,
  ].join('&');
  return `https://www.linkedin.com/profile/add?${query}`;
}
