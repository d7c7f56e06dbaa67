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
  | 'reports'
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
  },
  {
    id: 'retention',
    label: 'Retention',
    summary: 'How many customers come back, cohort by cohort.',
  },
  {
    id: 'journey-map',
    label: 'Journey map',
    summary: 'Customers by journey stage, from awareness to advocacy.',
  },
  {
    id: 'segments',
    label: 'Segments',
    summary: 'Groups of customers by behaviour and traits.',
  },
  {
    id: 'customers',
    label: 'Customers',
    summary: 'Every customer and their whole cross-channel journey.',
  },
  {
    id: 'personalization',
    label: 'Personalization',
    summary: 'What each segment sees: slots, variants and rules.',
  },
  {
    id: 'experiments',
    label: 'Experiments',
    summary: 'Prove what works with A/B tests.',
  },
  {
    id: 'reports',
    label: 'Reports',
    summary: 'The weekly report, past weeks and their delivery.',
  },
  {
    id: 'saved',
    label: 'Saved',
    summary: 'Saved insights and dashboards to share.',
  },
  {
    id: 'settings',
    label: 'Settings',
    summary: 'Projects, write keys, tracking and users.',
  },
];

/** The view a location hash names (`#/funnels`), or the Overview for anything else. */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : 'overview';
}

export const hashOf = (id: ViewId): string => `#/${id}`;
