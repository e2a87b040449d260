import { z } from 'zod';
import { parseUrl } from './url-credentials';

/**
 * What one environment variable may hold: the schema that parses its (trimmed, non-empty) text,
 * the phrase used in error messages ("expected <expected>"), and the short list shown in the docs.
 */
export interface SettingKind<T> {
  readonly schema: z.ZodType<T, z.ZodTypeDef, string>;
  readonly expected: string;
  readonly validValues: string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

export function booleanKind(): SettingKind<boolean> {
  return {
    schema: z
      .string()
      .transform((text) => text.toLowerCase())
      .pipe(z.enum([...TRUE_WORDS, ...FALSE_WORDS] as [string, ...string[]]))
      .transform((word) => TRUE_WORDS.includes(word)),
    expected: 'a boolean (true/false, 1/0 or yes/no)',
    validValues: 'true/false, 1/0, yes/no',
  };
}

export interface NumberRange {
  /** Lowest allowed value; `aboveMin` makes it exclusive. */
  min?: number;
  aboveMin?: boolean;
  /** Highest allowed value; `belowMax` makes it exclusive. */
  max?: number;
  belowMax?: boolean;
  integer?: boolean;
  /** Plural unit for the message: "a number of seconds > 0". */
  unit?: string;
}

export function numberKind(range: NumberRange): SettingKind<number> {
  const { min, max, aboveMin = false, belowMax = false, integer = false } = range;
  let bound = z.number().finite();
  if (integer) bound = bound.int();
  if (min !== undefined) bound = aboveMin ? bound.gt(min) : bound.gte(min);
  if (max !== undefined) bound = belowMax ? bound.lt(max) : bound.lte(max);
  const noun = `${integer ? 'a whole number' : 'a number'}${range.unit ? ` of ${range.unit}` : ''}`;
  const limits = describeRange(range);
  return {
    schema: z
      .string()
      .regex(integer ? INTEGER : DECIMAL)
      .transform(Number)
      .pipe(bound),
    expected: limits ? `${noun} ${limits}` : noun,
    validValues: [integer ? 'integer' : '', range.unit ?? (integer ? '' : 'number'), limits].filter(Boolean).join(' '),
  };
}

function describeRange({ min, max, aboveMin, belowMax }: NumberRange): string {
  if (min !== undefined && max !== undefined) {
    return `in ${aboveMin ? '(' : '['}${min}, ${max}${belowMax ? ')' : ']'}`;
  }
  if (min !== undefined) return `${aboveMin ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${belowMax ? '<' : '<='} ${max}`;
  return '';
}

/** Case-insensitive choice; the value is normalised to the listed spelling. */
export function choiceKind<const C extends readonly [string, ...string[]]>(choices: C): SettingKind<C[number]> {
  const byLowerCase = new Map<string, C[number]>(choices.map((choice) => [choice.toLowerCase(), choice]));
  return {
    schema: z
      .string()
      .refine((text) => byLowerCase.has(text.toLowerCase()))
      .transform((text) => byLowerCase.get(text.toLowerCase()) as C[number]),
    expected: `one of ${choices.join(', ')}`,
    validValues: choices.join(', '),
  };
}

export interface UrlOptions {
  protocols: readonly string[];
  /** Base URLs get paths appended by clients, so a trailing slash is dropped. */
  stripTrailingSlash?: boolean;
}

export function urlKind({ protocols, stripTrailingSlash = false }: UrlOptions): SettingKind<string> {
  const schemes = protocols.map((protocol) => `${protocol}://`).join(' or ');
  return {
    schema: z
      .string()
      .refine((text) => {
        const url = parseUrl(text);
        return url !== undefined && protocols.includes(url.protocol.slice(0, -1)) && url.host !== '';
      })
      .transform((text) => (stripTrailingSlash ? text.replace(/\/+$/, '') : text)),
    expected: `a URL starting with ${schemes}`,
    validValues: `${schemes} URL`,
  };
}

export function patternKind(pattern: RegExp, expected: string, validValues: string): SettingKind<string> {
  return { schema: z.string().regex(pattern), expected, validValues };
}

export function textKind(expected = 'a non-empty string'): SettingKind<string> {
  return { schema: z.string().min(1), expected, validValues: 'string' };
}

/** Comma-separated names; blanks around items are dropped and duplicates removed. */
export function listKind(itemPattern: RegExp, itemNoun: string): SettingKind<readonly string[]> {
  return {
    schema: z
      .string()
      .transform((text) => [...new Set(text.split(',').map((item) => item.trim()).filter((item) => item !== ''))])
      .pipe(z.array(z.string().regex(itemPattern)).min(1)),
    expected: `a comma-separated list of ${itemNoun}`,
    validValues: `comma-separated ${itemNoun}`,
  };
}

/** An integer code chosen from a fixed set, e.g. the CLOB signature types 0-3. */
export function codeKind<const C extends readonly [number, ...number[]]>(codes: C): SettingKind<C[number]> {
  const byText = new Map<string, C[number]>(codes.map((code) => [String(code), code]));
  return {
    schema: z
      .string()
      .refine((text) => byText.has(text))
      .transform((text) => byText.get(text) as C[number]),
    expected: `one of ${codes.join(', ')}`,
    validValues: codes.join(', '),
  };
}

/** A value that means something only when it is exactly the confirmation word. */
export function confirmationKind(word: string): SettingKind<true> {
  return {
    schema: z
      .string()
      .refine((text) => text.toLowerCase() === word)
      .transform((): true => true),
    expected: `"${word}" (or unset)`,
    validValues: `${word} or unset`,
  };
}
