// The seeded demo accounts, listed on the sign-in page in development.
export const DEMO_ACCOUNTS = [
  { email: 'prime@demo.test', name: 'Alex Rivera', role: 'buyer', primeMember: true, countryCode: 'US', description: 'US Prime member: can send gifts to an email or phone' },
  { email: 'buyer@demo.test', name: 'Sam Lee', role: 'buyer', primeMember: false, countryCode: 'US', description: 'buyer without Prime: sees why gifting is unavailable' },
  { email: 'friend@demo.test', name: 'Jordan Kim', role: 'buyer', primeMember: false, countryCode: 'US', description: 'a gift recipient with an account' },
  { email: 'seller@demo.test', name: 'Casey Morgan', role: 'seller', primeMember: false, countryCode: 'US', description: 'seller (Northwind Outfitters, Prime eligible; revoked once, plan approved)' },
  { email: 'seller2@demo.test', name: 'Harbor Electronics', role: 'seller', primeMember: false, countryCode: 'US', description: 'seller (Harbor Electronics, Prime revoked, plan of action waiting for ops)' },
  { email: 'seller3@demo.test', name: 'Greenleaf Home', role: 'seller', primeMember: false, countryCode: 'US', description: 'seller (Greenleaf Home, not enrolled, pre-qualified for the trial)' },
  { email: 'seller4@demo.test', name: 'Cascade Crafts', role: 'seller', primeMember: false, countryCode: 'US', description: 'seller (Cascade Crafts, in its 30-day Prime trial)' },
  { email: 'ops@demo.test', name: 'Riley Chen', role: 'ops', primeMember: false, countryCode: 'US', description: 'marketplace operations agent' },
] as const;
