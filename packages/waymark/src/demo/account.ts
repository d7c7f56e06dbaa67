// The moments a visitor tells the shop who they are on a browser: creating an account and logging in.

import type { Visit } from './visit.js';

/** Creates the account on the current page: identify first, so Signed Up carries the new userId. */
export function signUp(visit: Visit, source: 'newsletter_popup' | 'account_page' | 'checkout'): void {
  visit.identifyHere();
  visit.track('Signed Up', { method: visit.shopper.random.pick(['email', 'email', 'google', 'apple']), source });
}

/** An existing customer on a browser the shop does not know yet: the identify links its anonymousId to them. */
export function logIn(visit: Visit): void {
  visit.view('/account/login', 'Log in', 'Login', 'Account');
  visit.identifyHere();
}
