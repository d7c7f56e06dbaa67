// Every view of the dashboard, in the order of the left navigation, with what each will do (issue 6). Views not
// built yet show a designed placeholder from this list.

export type ViewId =
  | 'overview'
  | 'funnels'
  | 'journeys'
  | 'retention'
  | 'journey-map'
  | 'segments'
  | 'customers'
  | 'personalization'
  | 'experiments'
  | 'saved'
  | 'settings';

export interface ViewInfo {
  id: ViewId;
  label: string;
  /** One line on what the view is for. */
  summary: string;
  /** Not built yet: what is coming, shown on the placeholder. */
  coming?: string[];
  /** Where the same analysis is available today. */
  meanwhile?: string;
}

export const VIEWS: ViewInfo[] = [
  { id: 'overview', label: 'Overview', summary: 'This week against last week at a glance.' },
  { id: 'funnels', label: 'Funnels', summary: 'Where customers drop off on the way to a goal.' },
  {
    id: 'journeys',
    label: 'Journeys',
    summary: 'The paths customers take from, to and between events.',
    coming: ['Sankey of paths with grouping and exclusions', 'Channel touchpoint paths and attribution'],
    meanwhile: 'npx waymark query paths --spec docs/examples/paths.json',
  },
  {
    id: 'retention',
    label: 'Retention',
    summary: 'How many customers come back, cohort by cohort.',
    coming: ['Cohort heatmap', 'Average retention curve'],
    meanwhile: 'npx waymark query retention --spec docs/examples/retention.json',
  },
  {
    id: 'journey-map',
    label: 'Journey map',
    summary: 'Customers by journey stage, from awareness to advocacy.',
    coming: ['Stages with counts and conversion', 'Transitions and time in stage', 'Touchpoints per stage'],
    meanwhile: 'npx waymark query stages --spec docs/examples/stages.json',
  },
  {
    id: 'segments',
    label: 'Segments',
    summary: 'Groups of customers by behaviour and traits.',
    coming: ['Builder with a live size preview', 'Sizes and trends', 'Members, insights, overlap and compare'],
    meanwhile: 'npx waymark segments list',
  },
  {
    id: 'customers',
    label: 'Customers',
    summary: 'Every customer and their whole cross-channel journey.',
    coming: ['Profile search', 'Traits, segments, stage and scores', 'The timeline across devices and channels'],
    meanwhile: 'GET /api/profiles?q=TEXT',
  },
  {
    id: 'personalization',
    label: 'Personalization',
    summary: 'What each segment sees: slots, variants and rules.',
    coming: ['Slots, variants and targeting rules', 'Preview: what would this customer see, and why'],
    meanwhile: 'npx waymark slots list',
  },
  {
    id: 'experiments',
    label: 'Experiments',
    summary: 'Prove what works with A/B tests.',
    coming: ['Experiments with status', 'SRM check, lifts with intervals, chance to win', 'Sample-size calculator'],
    meanwhile: 'npx waymark experiments results checkout-reassurance',
  },
  {
    id: 'saved',
    label: 'Saved',
    summary: 'Saved insights and dashboards to share.',
    coming: ['Save any analysis with a name', 'Pin insights to dashboards', 'Share a link'],
  },
  {
    id: 'settings',
    label: 'Settings',
    summary: 'Projects, write keys, tracking and users.',
    coming: ['Projects and write keys', 'Tracking snippet and SDK instructions', 'Users and roles'],
    meanwhile: 'npx waymark projects list',
  },
];

/** The view a location hash names (`#/funnels`), or the Overview for anything else. */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : 'overview';
}

export const hashOf = (id: ViewId): string => `#/${id}`;
