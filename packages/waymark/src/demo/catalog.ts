// The demo shop: an outdoor and sports store with 8 categories and 60 products, its URLs and page titles.

export const SHOP_NAME = 'Summit Supply';
export const SHOP_ORIGIN = 'https://shop.summitsupply.example';

export type Currency = 'USD' | 'EUR';

export interface Category {
  slug: string;
  name: string;
  /** The interest a customer who loves this category lists in their profile. */
  interest: string;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category: Category;
  slug: string;
  price: Record<Currency, number>;
  url: string;
  imageUrl: string;
}

type Row = readonly [name: string, brand: string, usd: number];

const CATEGORIES: ReadonlyArray<readonly [Category, readonly Row[]]> = [
  [
    { slug: 'running-shoes', name: 'Running Shoes', interest: 'running' },
    [
      ['Trail Runner GTX', 'Northpeak', 149],
      ['Cloudstride 3', 'Aerolite', 129],
      ['Tempo Racer', 'Aerolite', 179],
      ['Road Glide 9', 'Velora', 119],
      ['Ultra Cushion Max', 'Velora', 159],
      ['Daily Trainer', 'Northpeak', 89],
      ['Track Spike Pro', 'Sprintline', 99],
      ['Kids Dash', 'Sprintline', 54],
    ],
  ],
  [
    { slug: 'hiking-boots', name: 'Hiking Boots', interest: 'hiking' },
    [
      ['Ridge Mid WP', 'Northpeak', 189],
      ['Alpine Pro Leather', 'Bergmann', 249],
      ['Canyon Low', 'Bergmann', 139],
      ['Summit Approach', 'Northpeak', 169],
      ['Trek Lite', 'Velora', 119],
      ['Winter Trek Insulated', 'Bergmann', 229],
      ['Trail Sandal', 'Velora', 69],
    ],
  ],
  [
    { slug: 'jackets', name: 'Jackets', interest: 'outdoors' },
    [
      ['Stormshell 3L', 'Northpeak', 299],
      ['Down Parka 800', 'Polaris', 349],
      ['Featherlight Windbreaker', 'Aerolite', 99],
      ['Fleece Midlayer', 'Polaris', 79],
      ['Insulated Vest', 'Polaris', 119],
      ['Rain Poncho', 'Northpeak', 39],
      ['Softshell Hoodie', 'Bergmann', 139],
      ['Ski Shell Pro', 'Polaris', 399],
    ],
  ],
  [
    { slug: 'activewear', name: 'Activewear', interest: 'fitness' },
    [
      ['Merino Base Tee', 'Woolpath', 65],
      ['Compression Tights', 'Sprintline', 59],
      ['Running Shorts 5"', 'Aerolite', 39],
      ['Seamless Sports Bra', 'Sprintline', 45],
      ['Thermal Long Sleeve', 'Woolpath', 75],
      ['Yoga Pants Flex', 'Lotusform', 79],
      ['Training Tank', 'Lotusform', 29],
      ['Trail Socks 3-Pack', 'Woolpath', 24],
    ],
  ],
  [
    { slug: 'backpacks', name: 'Backpacks', interest: 'travel' },
    [
      ['Daypack 22L', 'Northpeak', 89],
      ['Trekking Pack 55L', 'Bergmann', 239],
      ['Commuter Roll-Top', 'Urbanfold', 129],
      ['Hydration Vest 8L', 'Aerolite', 109],
      ['Travel Carry-On 40L', 'Urbanfold', 179],
      ['Sling Bag', 'Urbanfold', 49],
      ['Kids Explorer Pack', 'Northpeak', 45],
    ],
  ],
  [
    { slug: 'camping', name: 'Camping Gear', interest: 'camping' },
    [
      ['Ultralight Tent 2P', 'Basecamp', 379],
      ['Family Tent 6P', 'Basecamp', 429],
      ['Down Sleeping Bag -5C', 'Polaris', 289],
      ['Inflatable Sleeping Pad', 'Basecamp', 99],
      ['Camp Stove Duo', 'Emberline', 79],
      ['Titanium Cook Set', 'Emberline', 69],
      ['Headlamp 400', 'Lumen', 35],
      ['Camp Chair Compact', 'Basecamp', 59],
    ],
  ],
  [
    { slug: 'accessories', name: 'Accessories', interest: 'accessories' },
    [
      ['Polarized Sunglasses', 'Clearview', 119],
      ['Insulated Bottle 1L', 'Emberline', 34],
      ['Trekking Poles Carbon', 'Bergmann', 129],
      ['Merino Beanie', 'Woolpath', 29],
      ['Touchscreen Gloves', 'Polaris', 39],
      ['Trucker Cap', 'Northpeak', 25],
      ['First Aid Kit', 'Basecamp', 29],
    ],
  ],
  [
    { slug: 'tech', name: 'Watches & Tech', interest: 'tech' },
    [
      ['GPS Sport Watch', 'Pacebit', 299],
      ['Adventure Watch Solar', 'Pacebit', 549],
      ['Heart Rate Strap', 'Pacebit', 79],
      ['Wireless Sport Earbuds', 'Soundtrail', 149],
      ['Solar Power Bank', 'Lumen', 59],
      ['Action Camera 4K', 'Soundtrail', 329],
      ['Bike Computer', 'Pacebit', 199],
    ],
  ],
];

const slugify = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Euro prices are set by the shop, not converted: a round number just under the dollar price. */
const euroPrice = (usd: number): number => Math.max(19, Math.round(usd * 0.92)) - 0.01;

export const categories: readonly Category[] = CATEGORIES.map(([category]) => category);

export const products: readonly Product[] = CATEGORIES.flatMap(([category, rows], c) =>
  rows.map(([name, brand, usd], i): Product => {
    const slug = slugify(name);
    const n = c * 10 + i + 1;
    return {
      id: `prod_${String(n).padStart(3, '0')}`,
      sku: `${category.slug.slice(0, 3).toUpperCase()}-${String(n).padStart(4, '0')}`,
      name,
      brand,
      category,
      slug,
      price: { USD: usd - 0.01, EUR: euroPrice(usd) },
      url: `${SHOP_ORIGIN}/p/${slug}`,
      imageUrl: `${SHOP_ORIGIN}/img/${slug}.jpg`,
    };
  }),
);

export const productsByCategory: ReadonlyMap<string, readonly Product[]> = new Map(
  categories.map((category) => [category.slug, products.filter((p) => p.category === category)]),
);

/** What people type into the shop's search box, with the category it leads to. */
export const searchTerms: ReadonlyArray<readonly [term: string, category: string]> = [
  ['trail shoes', 'running-shoes'],
  ['waterproof boots', 'hiking-boots'],
  ['rain jacket', 'jackets'],
  ['down jacket', 'jackets'],
  ['merino', 'activewear'],
  ['leggings', 'activewear'],
  ['backpack', 'backpacks'],
  ['carry on', 'backpacks'],
  ['tent', 'camping'],
  ['sleeping bag', 'camping'],
  ['sunglasses', 'accessories'],
  ['gps watch', 'tech'],
  ['earbuds', 'tech'],
];

export const pageTitle = (title: string): string => `${title} | ${SHOP_NAME}`;
