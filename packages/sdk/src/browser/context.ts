// What the browser knows about the page and the visitor's device, sent as the Segment `context` of every call and
// as the facts a decision's targeting reads.

const UTM: ReadonlyArray<[string, string]> = [
  ['utm_source', 'source'],
  ['utm_medium', 'medium'],
  ['utm_campaign', 'name'],
  ['utm_term', 'term'],
  ['utm_content', 'content'],
];

/** The UTM parameters of a query string as Segment's `context.campaign` (utm_campaign becomes `name`). */
export function campaignOf(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const campaign: Record<string, string> = {};
  for (const [param, key] of UTM) {
    const value = params.get(param);
    if (value) campaign[key] = value;
  }
  return campaign;
}

export function pageProperties(): Record<string, string> {
  const { href, pathname, search } = window.location;
  return { url: href, path: pathname, search, referrer: document.referrer, title: document.title };
}

function timezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The Segment `context` of a call made on this page. */
export function pageContext(): Record<string, unknown> {
  const campaign = campaignOf(window.location.search);
  return {
    page: pageProperties(),
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: timezone(),
    ...(Object.keys(campaign).length > 0 ? { campaign } : {}),
  };
}

/** The same facts flattened the way targeting rules name them (`path`, `utm_source`, `locale` ...). */
export function decisionContext(): Record<string, unknown> {
  const facts: Record<string, unknown> = {
    ...pageProperties(),
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: timezone(),
  };
  const params = new URLSearchParams(window.location.search);
  for (const [param] of UTM) {
    const value = params.get(param);
    if (value) facts[param] = value;
  }
  return facts;
}
