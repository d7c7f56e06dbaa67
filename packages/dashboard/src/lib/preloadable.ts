// A lazily loaded view whose code can be fetched ahead of time: before it is loaded it suspends like React.lazy;
// once loaded (by a visit or by `preload`) it renders at once, with no suspense and no fallback on screen.

import { createElement, lazy, type ComponentType, type FunctionComponent } from 'react';

export interface Preloadable<P extends object> {
  Component: FunctionComponent<P>;
  /** Fetches the view's code; safe to call many times. */
  preload: () => Promise<void>;
}

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const fetchOnce = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined; // a failed chunk may load on the next try
        throw error;
      },
    ));
  const Lazy = lazy(async () => ({ default: await fetchOnce() }));
  const Component: FunctionComponent<P> = (props) =>
    loaded ? createElement(loaded, props) : createElement(Lazy as ComponentType<P>, props);
  return { Component, preload: () => fetchOnce().then(() => undefined) };
}
