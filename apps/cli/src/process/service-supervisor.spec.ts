import { existsSync } from 'node:fs';
import { SERVICE_HEAP_MB } from '@polybot/config';
import { SERVICES, serviceArgs } from './service-supervisor';

describe('serviceArgs', () => {
  it.each(SERVICES)('starts %s with its heap ceiling before its built entry point', (name) => {
    const args = serviceArgs(name);
    expect(args[0]).toBe(`--max-old-space-size=${SERVICE_HEAP_MB[name]}`);
    expect(args[args.length - 1]).toMatch(new RegExp(`dist/apps/${name}/src/main\\.js$`));
    expect(existsSync(args[args.length - 1])).toBe(true);
  });
});
