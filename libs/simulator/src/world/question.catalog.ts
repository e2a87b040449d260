import type { Prng } from './seeded.prng';
import type { SimTag } from './world.types';

/** Words the generator draws questions from; fictional names, so nothing reads as a real forecast. */
export interface CategoryCatalog {
  readonly tag: SimTag;
  readonly subTags: readonly SimTag[];
  readonly contests: readonly string[];
  readonly contenders: readonly string[];
  readonly binary: (prng: Prng) => string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const CATALOG: readonly CategoryCatalog[] = [
  {
    tag: { id: '2', label: 'Politics', slug: 'politics' },
    subTags: [{ id: '1101', label: 'Elections', slug: 'elections' }],
    contests: ['Northland governor race', 'Riverton mayoral election', 'Eastvale senate primary', 'Coastal party leadership vote'],
    contenders: ['Alex Marlow', 'Priya Raman', 'Jonas Weber', 'Maria Okafor', 'Liam Chen', 'Sofia Alvarez', 'Noah Fischer', 'Ada Brooks'],
    binary: (p) => `Will the ${p.pick(['Northland', 'Riverton', 'Eastvale'])} budget bill pass by ${p.pick(MONTHS)}?`,
  },
  {
    tag: { id: '1', label: 'Sports', slug: 'sports' },
    subTags: [{ id: '1201', label: 'Football', slug: 'football' }, { id: '1202', label: 'Basketball', slug: 'basketball' }],
    contests: ['Continental Cup', 'Premier Basketball title', 'Harbor League championship', 'Summer Open final'],
    contenders: ['Harbor Hawks', 'Valley Rovers', 'Metro Lions', 'Lakeside United', 'Granite FC', 'Sunset Comets', 'Iron Bay Titans'],
    binary: (p) => `Will the ${p.pick(['Harbor Hawks', 'Metro Lions', 'Granite FC'])} win on ${p.pick(MONTHS)} ${p.int(1, 28)}?`,
  },
  {
    tag: { id: '21', label: 'Crypto', slug: 'crypto' },
    subTags: [{ id: '235', label: 'Bitcoin', slug: 'bitcoin' }, { id: '39', label: 'Ethereum', slug: 'ethereum' }],
    contests: ['Bitcoin price range at month end', 'Top token launch of the quarter', 'Ethereum price range at quarter end'],
    contenders: ['Below $60k', '$60k-$80k', '$80k-$100k', '$100k-$120k', 'Above $120k', 'Token A', 'Token B'],
    binary: (p) => `Will ${p.pick(['Bitcoin', 'Ethereum', 'Solana'])} be above $${p.int(2, 150)}k on ${p.pick(MONTHS)} ${p.int(1, 28)}?`,
  },
  {
    tag: { id: '107', label: 'Economics', slug: 'economics' },
    subTags: [{ id: '1301', label: 'Fed Rates', slug: 'fed-rates' }],
    contests: ['central bank decision', 'quarterly growth print', 'inflation print'],
    contenders: ['Cut 50 bps', 'Cut 25 bps', 'No change', 'Hike 25 bps', 'Hike 50 bps', 'Emergency cut'],
    binary: (p) => `Will inflation come in above ${p.int(2, 5)}.${p.int(0, 9)}% in ${p.pick(MONTHS)}?`,
  },
  {
    tag: { id: '596', label: 'Culture', slug: 'pop-culture' },
    subTags: [{ id: '1401', label: 'Awards', slug: 'awards' }],
    contests: ['Best Picture award', 'Song of the Year award', 'streaming chart top spot'],
    contenders: ['The Quiet Harbor', 'Glass Orchard', 'Northern Lights', 'Paper Moons', 'Second Sunrise', 'Velvet Road'],
    binary: (p) => `Will "${p.pick(['Glass Orchard', 'Paper Moons', 'Velvet Road'])}" top the charts in ${p.pick(MONTHS)}?`,
  },
  {
    tag: { id: '1401', label: 'Tech', slug: 'tech' },
    subTags: [{ id: '1501', label: 'AI', slug: 'ai' }],
    contests: ['largest company by market cap at year end', 'best AI model benchmark leader'],
    contenders: ['Orbital Systems', 'Nimbus Labs', 'Quanta Corp', 'Helix AI', 'Lumen Works'],
    binary: (p) => `Will ${p.pick(['Nimbus Labs', 'Helix AI', 'Quanta Corp'])} ship a new model by ${p.pick(MONTHS)}?`,
  },
];

export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
