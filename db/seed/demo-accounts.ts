// The seeded demo accounts, listed on the sign-in page in development.
export const DEMO_ACCOUNTS = [
  { email: 'prime@demo.test', name: 'Alex Rivera', role: 'buyer', primeMember: true, countryCode: 'US', description: 'US Prime member: can send gifts to an email or phone' },
  { email: 'buyer@demo.test', name: 'Sam Lee', role: 'buyer', primeMember: false, countryCode: 'US', description: 'buyer without Prime: sees why gifting is unavailable' },
  { email: 'friend@demo.test', name: 'Jordan Kim', role: 'buyer', primeMember: false, countryCode: 'US', description: 'a gift recipient with an account' },
  { email: 'seller@demo.test', name: 'Casey Morgan', role: 'seller', primeMember: false, countryCode: 'US', description: 'seller (Northwind Outfitters, Prime eligible)' },
  { email: 'ops@demo.test', name: 'Riley Chen', role: 'ops', primeMember: false, countryCode: 'US', description: 'marketplace operations agent' },
] as const;
