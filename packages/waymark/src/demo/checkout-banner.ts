// The checkout banner as the storefront shows it once the experiment has started: the variant Waymark's decision
// API would choose for this browser (the pure decision core, with what the server knows of the customer), and the
// exposure it would record. Shoppers who are reassured about returns finish their order a little more often.

import { decide, type Decision, type DecisionEnv, type DecisionRequest } from '../decisions/decide.js';
import { exposureCall } from '../decisions/exposure.js';
import type { Experiment, Slot } from '../decisions/model.js';
import type { Browser } from './browser.js';
import { demoExperiment, demoSlot } from './personalization.js';
import type { Shopper } from './shopper.js';

/** The demo's built-in effect: the reassurance message multiplies the chance to complete checkout by this. */
export const REASSURANCE_LIFT = 1.15;
/** Discount of the returning customers' thank-you code. */
export const THANK_YOU_DISCOUNT = 0.1;

export class CheckoutBanner {
  readonly slot: Slot;
  readonly experiment: Experiment;
  private readonly env: DecisionEnv;
  private readonly start: number;

  /**
   * The banner of a demo whose period ends at `end`; `lift` multiplies the reassured shoppers' chance to complete
   * checkout (1 for none).
   */
  constructor(
    end: number,
    readonly lift = REASSURANCE_LIFT,
  ) {
    this.slot = demoSlot();
    this.experiment = demoExperiment(end);
    this.env = { experiments: new Map([[this.experiment.id, this.experiment]]) };
    this.start = Date.parse(this.experiment.start ?? '');
  }

  /**
   * What the banner shows on this browser at `t` and records the exposure, once per browser and variant as the
   * server does; undefined before the experiment (and the banner) started.
   */
  show(shopper: Shopper, browser: Browser, t: number): Decision | undefined {
    if (!(t >= this.start)) return undefined;
    const { journal } = shopper;
    const known = browser.identified && journal.userId !== undefined;
    // A browser the customer has logged in on is linked to their profile, whose orders_count the shop's CRM keeps.
    const request: DecisionRequest = {
      ...(known ? { userId: journal.userId } : {}),
      anonymousId: browser.anonymousId,
      traits: known && shopper.orders > 0 ? { orders_count: shopper.orders } : {},
      now: t,
    };
    const decision = decide(this.slot, this.slot.id, request, this.env);
    const call = exposureCall(decision, this.slot, request);
    if (call) journal.serverTrack(t, browser, call.event, { ...call.properties }, call.messageId);
    return decision;
  }

  /** The chance to get through checkout's two steps, given what the banner showed. */
  completionChance(pPurchase: number, shown: Decision | undefined): number {
    return shown?.variant === 'reassure' ? Math.min(0.95, pPurchase * this.lift) : pPurchase;
  }
}
