/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and node-postgres has optional native bits: load both from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
};

export default nextConfig;
