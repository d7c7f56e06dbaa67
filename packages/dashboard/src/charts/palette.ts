// Okabe-Ito, the palette designed to stay distinct for the common forms of colour blindness. Charts never rely on
// colour alone: series are also named in legends, tooltips and the table view.

export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** Series colours in order: strong contrasts first. */
export const SERIES_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/** Neutral greys of the interface (axis lines, previous-period lines). */
export const GREY = { axis: '#8a93a3', grid: '#e6e9ef', text: '#3b4252', muted: '#6b7385' } as const;
