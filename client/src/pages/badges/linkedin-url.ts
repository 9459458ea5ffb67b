/**
 * LinkedIn's "add a certification to my profile" link, the same as the public badge page's
 * (`linkedInAddUrl` in server/http/views/award-page.ts; a parity test,
 * tests/component/badges/linkedin-url.test.ts, keeps the two equal — the client does not import
 * server code).
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
