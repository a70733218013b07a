import type { Config } from 'tailwindcss';

// Loaded from app/globals.css with `@config`; Tailwind 4 reads content from the CSS entry's sources.
export default {
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: '#0f766e', dark: '#115e59', light: '#ccfbf1' },
        prime: '#1d4ed8',
      },
    },
  },
} satisfies Config;
