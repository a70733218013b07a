// Where a seller files a claim for a lost or damaged parcel: the carrier's own process (SPEC S16).
const CLAIMS: Record<string, string> = {
  UPS: 'https://www.ups.com/us/en/support/file-a-claim.page',
  FEDEX: 'https://www.fedex.com/en-us/customer-support/claims.html',
  USPS: 'https://www.usps.com/help/claims.htm',
  ONTRAC: 'https://www.ontrac.com/claims',
};

export const carrierClaimsUrl = (carrierId: string) => CLAIMS[carrierId.toUpperCase()] ?? 'https://www.usps.com/help/claims.htm';
