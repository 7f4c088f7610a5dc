import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const pureDomain = {
  files: ['lib/domain/**/*.ts', 'lib/sequencer/**/*.ts', 'lib/planner/**/*.ts', 'lib/catalog/**/*.ts', 'lib/plan/**/*.ts', 'lib/live/**/*.ts'],
  rules: {
    // The domain is plain TypeScript: no framework, database or network.
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['next', 'next/*', 'react', 'react-dom'], message: 'lib/ domain code stays free of Next and React.' },
          { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*', '**/db/*', '**/db'], message: 'lib/ domain code never touches the database.' },
          { group: ['node:http', 'node:https', 'node:net', 'spotify-web-api-node'], message: 'lib/ domain code never touches the network.' },
        ],
      },
    ],
  },
};

const envReadOnce = {
  files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'db/**/*.ts'],
  ignores: ['lib/server/env.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "MemberExpression[object.name='process'][property.name='env']",
        message: 'Read configuration from lib/server/env.ts; nothing else reads process.env.',
      },
    ],
  },
};

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'next-env.d.ts', 'db/migrations/**', '.stryker-tmp/**', 'reports/**'] },
  ...nextVitals,
  ...nextTs,
  pureDomain,
  envReadOnce,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
export default config;
