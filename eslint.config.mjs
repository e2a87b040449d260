// Module boundaries with teeth: apps never import each other; libs never import apps;
// libs/domain imports nothing but itself (no framework, no I/O).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const FRAMEWORKS_AND_IO = [
  '@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg', 'express', 'ws', 'pino', 'prom-client',
  'ethers', 'dotenv', 'commander', 'bottleneck', 'cockatiel', '@polymarket/*', 'axios', 'undici',
];
const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https',
  'net', 'node:net', 'child_process', 'node:child_process', 'dgram', 'node:dgram'];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'coverage', 'bench/results', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', {
        enforceBuildableLibDependency: false,
        allow: [],
        depConstraints: [
          { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: FRAMEWORKS_AND_IO },
          { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:domain', 'type:lib'] },
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:lib'] },
        ],
      }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NODE_IO }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
