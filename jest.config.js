// Three tiers (see README "Tests"): unit specs beside the code, integration specs against the
// real Redis and Postgres, and end-to-end specs that run the services as separate processes.
const { readFileSync } = require('node:fs');
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

const moduleNameMapper = {};
for (const lib of ['domain', 'config', 'observability', 'persistence', 'polymarket', 'queues', 'simulator', 'intents', 'runtime', 'portfolio', 'testing']) {
  moduleNameMapper[`^@polybot/${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;
}
// Secondary entry points: a part of a lib some services must not load (see libs/polymarket/src/trading.ts).
moduleNameMapper['^@polybot/polymarket/trading$'] = '<rootDir>/libs/polymarket/src/trading.ts';

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
