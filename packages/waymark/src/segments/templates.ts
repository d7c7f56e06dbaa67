// Ready-made segments a user adds in one step: the RFM groups, new and returning visitors, buyers by habit, value
// and engagement, dormant customers, one per journey stage of the default map, and one per acquisition channel. Each is a plain definition, so a template
// added to a project can be edited like any other segment.

import { DEFAULT_STAGE_MAP } from '../analytics/stages/stage-map.js';
import { CHANNELS } from '../core/derive/channel.js';
import { RFM_GROUPS, type Condition, type RfmGroup, type SegmentDefinition } from './definition.js';
import { DEFAULT_PURCHASE_EVENT } from './rfm.js';

export interface SegmentTemplate extends SegmentDefinition {
  id: string;
  category: 'rfm' | 'lifecycle' | 'value' | 'engagement' | 'journey' | 'acquisition';
}

const days = (value: number) => ({ value, unit: 'day' as const });
const orders = { event: DEFAULT_PURCHASE_EVENT };

const RFM_DESCRIPTIONS: Record<RfmGroup, [string, string]> = {
  champions: ['Champions', 'Bought recently, often and for the most'],
  loyal: ['Loyal customers', 'Buy regularly and spend well'],
  potential_loyalists: ['Potential loyalists', 'Recent customers with more than one purchase or a good basket'],
  new: ['New customers', 'Bought for the first time recently'],
  promising: ['Promising', 'Recent shoppers who have not spent much yet'],
  need_attention: ['Need attention', 'Average recency, frequency and spend'],
  about_to_sleep: ['About to sleep', 'Below average recency and low frequency'],
  at_risk: ['At risk', 'Spent well and often, but long ago'],
  cannot_lose_them: ['Cannot lose them', 'Were among the best customers, have not come back'],
  hibernating: ['Hibernating', 'Last purchase long ago, few orders, low spend'],
  lost: ['Lost', 'The lowest recency, frequency and spend'],
};

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function template(
  id: string,
  category: SegmentTemplate['category'],
  name: string,
  description: string,
  condition: Condition,
): SegmentTemplate {
  return { id, category, name, description, condition };
}

export const SEGMENT_TEMPLATES: readonly SegmentTemplate[] = [
  ...RFM_GROUPS.map((group) => {
    const [name, description] = RFM_DESCRIPTIONS[group];
    return template(`rfm-${group.replaceAll('_', '-')}`, 'rfm', name, `RFM: ${description}`, { rfm: { group } });
  }),
  template('new-visitors', 'lifecycle', 'New visitors', 'First page view in the last 7 days', {
    firstTime: { event: '$page', op: 'within_last', value: days(7) },
  }),
  template(
    'returning-visitors',
    'lifecycle',
    'Returning visitors',
    'Visited in the last 7 days, and first came earlier',
    {
      and: [
        { performed: { event: '$page', window: { last: days(7) } } },
        { firstTime: { event: '$page', op: 'more_than_ago', value: days(7) } },
      ],
    },
  ),
  template('cart-abandoners', 'lifecycle', 'Cart abandoners', 'Added to cart in the last 7 days without ordering', {
    and: [
      { performed: { event: 'Product Added', window: { last: days(7) } } },
      { didNotPerform: { ...orders, window: { last: days(7) } } },
    ],
  }),
  template('one-time-buyers', 'lifecycle', 'One-time buyers', 'Exactly one order, ever', {
    performed: { ...orders, count: { op: 'exactly', value: 1 } },
  }),
  template('repeat-buyers', 'lifecycle', 'Repeat buyers', 'Two orders or more', {
    performed: { ...orders, count: { op: 'at_least', value: 2 } },
  }),
  template('dormant', 'lifecycle', 'Dormant', 'No activity at all in the last 60 days', {
    aggregate: { measure: 'count', op: 'eq', value: 0, window: { last: days(60) } },
  }),
  template('high-value', 'value', 'High value', 'The top fifth of buyers by money spent', {
    rfm: { monetary: { op: 'eq', value: 5 } },
  }),
  template('highly-engaged', 'engagement', 'Highly engaged', 'Engagement score of 60 or more', {
    engagement: { op: 'gte', value: 60 },
  }),
  ...DEFAULT_STAGE_MAP.map((stage) =>
    template(`stage-${stage.name}`, 'journey', `Stage: ${stage.name}`, `Currently in the ${stage.name} stage`, {
      stage: { in: [stage.name] },
    }),
  ),
  ...CHANNELS.filter((c) => c !== 'Other').map((channel) =>
    template(`acquired-${slug(channel)}`, 'acquisition', `Acquired: ${channel}`, `First touch through ${channel}`, {
      firstTouch: { property: '$channel', op: 'eq', value: channel },
    }),
  ),
];

export function segmentTemplate(id: string): SegmentTemplate | undefined {
  return SEGMENT_TEMPLATES.find((t) => t.id === id);
}

/** The definition to save for a template, under the template's id. */
export function templateDefinition(t: SegmentTemplate): SegmentDefinition & { id: string } {
  return { id: t.id, name: t.name, ...(t.description ? { description: t.description } : {}), condition: t.condition };
}
