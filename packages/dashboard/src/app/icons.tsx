// Small line icons of the navigation (16×16, currentColor), drawn here to ship no icon font.

import type { ViewId } from './views.js';

const PATHS: Record<ViewId, string> = {
  overview: 'M2 9h4v5H2zM6 5h4v9H6zM10 2h4v12h-4z',
  funnels: 'M2 3h12l-4 5v5l-4 1V8z',
  journeys: 'M2 4h4c4 0 4 8 8 8M2 12h4c2 0 3-2 4-4M12 10l2 2-2 2',
  retention: 'M2 2h3v3H2zM6 2h3v3H6zM10 2h3v3h-3zM2 6h3v3H2zM6 6h3v3H6zM2 10h3v3H2z',
  'journey-map': 'M2 13V4l4-2 4 2 4-2v9l-4 2-4-2zM6 2v9M10 4v9',
  segments: 'M8 2a6 6 0 1 0 6 6H8z M9.5 1.5v5h5a5 5 0 0 0-5-5z',
  customers: 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 14c0-3 3-4.5 6-4.5s6 1.5 6 4.5',
  personalization: 'M2 4h7M12 4h2M2 8h2M7 8h7M2 12h9M14 12h0M9 2.5v3M4 6.5v3M11 10.5v3',
  experiments: 'M6 2v4L2 13a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1L10 6V2M5 2h6M4 10h8',
  reports: 'M4 1.5h6l3 3v10H4zM10 1.5v3h3M6 11V9M8.5 11V7M11 11V8.5',
  saved: 'M4 2h8v12l-4-3-4 3z',
  settings:
    'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.5 1.5M11.5 11.5 13 13M3 13l1.5-1.5M11.5 4.5 13 3',
};

export function ViewIcon({ id }: { id: ViewId }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path
        d={PATHS[id]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function Logo() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <rect width="24" height="24" rx="6" fill="#0072B2" />
      <path
        d="M5 7l3.5 10L12 9l3.5 8L19 7"
        fill="none"
        stroke="#fff"
        strokeWidth="2.2"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
