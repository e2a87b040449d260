import { createLogger } from './logger';
import { PinoNestLogger } from './nest-logger';

function setup(level = 'trace') {
  const raw: string[] = [];
  const logger = createLogger({ service: 'api', level, destination: { write: (line: string) => void raw.push(line) } });
  return { nest: new PinoNestLogger(logger), lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('PinoNestLogger', () => {
  it('maps each Nest level to a pino level and the last string argument to context', () => {
    const { nest, lines } = setup();
    nest.log('Mapped {/intents, GET} route', 'RouterExplorer');
    nest.warn('slow', 'IntentsController');
    nest.debug('d', 'A');
    nest.verbose('v', 'B');
    nest.fatal('f', 'C');
    expect(lines().map(({ level, message, context }) => ({ level, message, context }))).toEqual([
      { level: 'INFO', message: 'Mapped {/intents, GET} route', context: 'RouterExplorer' },
      { level: 'WARN', message: 'slow', context: 'IntentsController' },
      { level: 'DEBUG', message: 'd', context: 'A' },
      { level: 'TRACE', message: 'v', context: 'B' },
      { level: 'FATAL', message: 'f', context: 'C' },
    ]);
  });

  it('keeps the stack Nest passes with an error, with or without a context', () => {
    const { nest, lines } = setup();
    const failure = new Error('db down');
    nest.error('Unhandled', failure.stack, 'ExceptionsHandler');
    nest.error('No context', failure.stack);
    const [withContext, withoutContext] = lines();
    expect(withContext).toMatchObject({ level: 'ERROR', message: 'Unhandled', context: 'ExceptionsHandler', stack: failure.stack });
    expect(withoutContext).toMatchObject({ level: 'ERROR', message: 'No context', stack: failure.stack });
    expect(withoutContext['context']).toBeUndefined();
  });

  it('logs an Error message as err and a non-string message as details', () => {
    const { nest, lines } = setup();
    nest.error(new Error('exploded'), 'Bootstrap');
    nest.log({ port: 8000 }, 'NestApplication');
    const [errorLine, objectLine] = lines();
    expect(errorLine).toMatchObject({ message: 'exploded', context: 'Bootstrap', err: { message: 'exploded', type: 'Error' } });
    expect(objectLine).toMatchObject({ level: 'INFO', context: 'NestApplication', details: { port: 8000 } });
  });

  it('follows setLogLevels by enabling the lowest level Nest asks for', () => {
    const { nest, lines } = setup('info');
    nest.debug('hidden at info');
    nest.setLogLevels(['debug', 'log', 'warn', 'error']);
    nest.debug('shown after setLogLevels');
    nest.verbose('still hidden');
    expect(lines().map((line) => line['message'])).toEqual(['shown after setLogLevels']);
  });
});
