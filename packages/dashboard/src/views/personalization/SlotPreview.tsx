// The preview panel: "what would this customer see, and why". Sends POST /api/slots/:id/preview (records no
// exposure) with a user or anonymous id and optional request context, and shows the variant, the source, the
// reason and the offer.

import { useState, type FormEvent } from 'react';
import { previewSlot, type Decision, type Slot } from '../../api/personalization.js';
import { Failure, Loading } from '../../components/States.js';
import { hashTo } from '../../lib/hash-route.js';
import { VariantContent } from './VariantContent.js';
import {
  EMPTY_PREVIEW,
  SOURCE_LABELS,
  decisionSentence,
  previewProblem,
  previewRequestOf,
  variantLabel,
  type PreviewChoices,
} from './slot-model.js';

type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'done'; decision: Decision };

export interface SlotPreviewProps {
  project: string;
  slot: Slot;
  onDecision: (d: Decision | null) => void;
}

export function SlotPreview({ project, slot, onDecision }: SlotPreviewProps) {
  const [choices, setChoices] = useState<PreviewChoices>(EMPTY_PREVIEW);
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const problem = previewProblem(choices);
  const set = (patch: Partial<PreviewChoices>) => setChoices({ ...choices, ...patch });

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (problem) return;
    setState({ status: 'loading' });
    try {
      const decision = await previewSlot(project, slot.id, previewRequestOf(choices));
      setState({ status: 'done', decision });
      onDecision(decision);
    } catch (error) {
      setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      onDecision(null);
    }
  };

  return (
    <section className="panel slot-preview" aria-labelledby="slot-preview-heading">
      <h2 id="slot-preview-heading" className="panel-title">
        Preview
      </h2>
      <p className="panel-subtitle">What would this customer see, and why? A preview records no exposure.</p>
      <form onSubmit={(e) => void submit(e)} className="slot-preview-form" aria-label="Preview a decision">
        <fieldset className="field">
          <legend>Who</legend>
          <div className="segmented" role="group" aria-label="Kind of id">
            <button type="button" aria-pressed={choices.idKind === 'userId'} onClick={() => set({ idKind: 'userId' })}>
              Customer (user id)
            </button>
            <button
              type="button"
              aria-pressed={choices.idKind === 'anonymousId'}
              onClick={() => set({ idKind: 'anonymousId' })}
            >
              Visitor (anonymous id)
            </button>
          </div>
          <input
            aria-label={choices.idKind === 'userId' ? 'User id' : 'Anonymous id'}
            value={choices.id}
            placeholder={choices.idKind === 'userId' ? 'e.g. cus_42_8487' : 'e.g. visitor-1'}
            onChange={(e) => set({ id: e.target.value })}
            spellCheck={false}
          />
        </fieldset>
        <fieldset className="field slot-context">
          <legend>Request context (optional)</legend>
          <label className="field">
            <span>Device</span>
            <select
              value={choices.device}
              onChange={(e) => set({ device: e.target.value as PreviewChoices['device'] })}
            >
              <option value="">Not given</option>
              <option value="desktop">Desktop</option>
              <option value="mobile">Mobile</option>
              <option value="tablet">Tablet</option>
            </select>
          </label>
          <label className="field">
            <span>UTM source</span>
            <input
              value={choices.utmSource}
              placeholder="e.g. newsletter"
              onChange={(e) => set({ utmSource: e.target.value })}
            />
          </label>
          <label className="field slot-context-wide">
            <span>Page URL</span>
            <input
              type="url"
              value={choices.url}
              placeholder="https://shop.example/checkout"
              onChange={(e) => set({ url: e.target.value })}
            />
          </label>
        </fieldset>
        {problem && choices.id !== '' && (
          <p className="form-error" role="status">
            {problem}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={problem !== null || state.status === 'loading'}
        >
          {state.status === 'loading' ? 'Deciding…' : 'Preview decision'}
        </button>
      </form>
      <div aria-live="polite" className="slot-preview-result">
        {state.status === 'idle' && (
          <p className="muted">
            Enter an id to see the variant this slot would show them, the rule that chose it, and why.
          </p>
        )}
        {state.status === 'loading' && <Loading label="Deciding…" rows={2} />}
        {state.status === 'error' && <Failure error={state.error} onRetry={() => void submit()} />}
        {state.status === 'done' && <DecisionCard decision={state.decision} slot={slot} />}
      </div>
    </section>
  );
}

function DecisionCard({ decision, slot }: { decision: Decision; slot: Slot }) {
  const variant = slot.variants.find((v) => v.id === decision.variant);
  return (
    <article className="slot-decision" aria-label="Preview decision" data-testid="slot-decision">
      <p className="slot-decision-sentence">{decisionSentence(decision, slot)}</p>
      <dl className="slot-decision-facts">
        <dt>Variant</dt>
        <dd data-testid="decision-variant">{variantLabel(slot, decision.variant)}</dd>
        <dt>Source</dt>
        <dd data-testid="decision-source">
          <span className={`slot-tag slot-source-${decision.source}`}>{SOURCE_LABELS[decision.source]}</span>
        </dd>
        <dt>Reason</dt>
        <dd data-testid="decision-reason">{decision.reason}</dd>
        {decision.rule && (
          <>
            <dt>Rule</dt>
            <dd>{decision.rule}</dd>
          </>
        )}
        {decision.experiment && (
          <>
            <dt>Experiment</dt>
            <dd>
              <a href={hashTo('experiments', decision.experiment)}>{decision.experiment}</a>
            </dd>
          </>
        )}
        <dt>Offer</dt>
        <dd data-testid="decision-offer">{decision.offer ?? 'none'}</dd>
      </dl>
      {variant && (
        <div className="slot-decision-content">
          <p className="slot-decision-label">What they would see</p>
          <VariantContent variant={{ ...variant, ...(decision.content ? { content: decision.content } : {}) }} />
        </div>
      )}
    </article>
  );
}
