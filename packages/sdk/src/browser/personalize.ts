// Renders decisions into the page: every element marked data-waymark-slot="<slot id>" shows its variant's content.

import type { Decision } from '../core.js';

export const SLOT_ATTRIBUTE = 'data-waymark-slot';
export const VARIANT_ATTRIBUTE = 'data-waymark-variant';
export const DECISION_EVENT = 'waymark:decision';

/** The slot elements under `root`, and their distinct slot ids in page order. */
export function findSlots(root: ParentNode): { elements: HTMLElement[]; slots: string[] } {
  const elements = Array.from(root.querySelectorAll<HTMLElement>(`[${SLOT_ATTRIBUTE}]`));
  const slots = [...new Set(elements.map((e) => e.getAttribute(SLOT_ATTRIBUTE) as string))];
  return { elements, slots };
}

/**
 * Shows a decision in one element: text as its text, html as its markup; a json payload is left for the page, which
 * listens for the `waymark:decision` event (dispatched for every rendered element, bubbling, detail = the decision).
 * Without a variant the element keeps its original content.
 */
export function render(element: HTMLElement, decision: Decision | undefined): void {
  if (!decision || decision.variant === null) return;
  const content = decision.content;
  if (content?.type === 'text') element.textContent = String(content.value);
  else if (content?.type === 'html') element.innerHTML = String(content.value);
  element.setAttribute(VARIANT_ATTRIBUTE, decision.variant);
  element.dispatchEvent(new CustomEvent(DECISION_EVENT, { bubbles: true, detail: decision }));
}
