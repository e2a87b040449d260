import { z } from 'zod';
import { SETTING_KEYS, SETTINGS_CATALOG, type SettingKey } from './settings.catalog';

type Catalog = typeof SETTINGS_CATALOG;

type Shape = { [K in SettingKey]: Catalog[K]['schema'] };

const shape = Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTINGS_CATALOG[key].schema])) as Shape;

/**
 * Input: raw variable text keyed by Settings property (see loadSettings). Cross-field rules run
 * only once every variable parsed on its own, so they can rely on typed values.
 */
export const settingsSchema = z
  .object(shape)
  .strict()
  .superRefine((settings, ctx) => {
    if (!settings.dryRun && settings.polygonPrivateKey === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['polygonPrivateKey'],
        params: { crossField: true },
        message: 'a private key (0x followed by 64 hex digits), because POLYBOT_DRY_RUN=false places real orders',
      });
    }
    // Data age is the newest snapshot's; while no market moves only a cycle renews it. A cycle
    // that far apart would trip STALE_DATA (rejecting every pending intent) between any two.
    if (settings.loopIntervalSeconds >= settings.maxStaleDataSeconds) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['loopIntervalSeconds'],
        params: { crossField: true },
        message:
          `a number of seconds below POLYBOT_MAX_STALE_DATA_SECONDS (${settings.maxStaleDataSeconds}), because market data is renewed ` +
          'at least once a cycle and older data trips the STALE_DATA kill switch',
      });
    }
  });

/** The validated settings; every POLYBOT_* variable as a camelCase property (unset optionals are undefined). */
export type Settings = Readonly<z.output<typeof settingsSchema>>;
