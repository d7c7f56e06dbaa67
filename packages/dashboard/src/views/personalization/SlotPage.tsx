// One slot's page: its variants, its rules in the order they are tried (targeting and strategy in words), the
// holdout, and the preview of what a given customer would see, and why; the way to edit it (not for viewers).

import { useState } from 'react';
import { getSlot, type Decision, type Slot } from '../../api/personalization.js';
import { Failure, Loading } from '../../components/States.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { SlotStatus } from './PersonalizationView.js';
import { SlotPreview } from './SlotPreview.js';
import { VariantContent } from './VariantContent.js';
import { describeHoldout, describeStrategy, describeTargeting, rulesByPriority, variantLabel } from './slot-model.js';

export function SlotPage({ project, id, canEdit }: { project: string; id: string; canEdit: boolean }) {
  const slot = useAsync((signal) => getSlot(project, id, signal), [project, id]);
  return (
    <div className="view">
      <nav aria-label="Breadcrumb" className="slot-breadcrumb">
        <a href={hashTo('personalization')}>← All slots</a>
      </nav>
      {slot.status === 'done' ? (
        <SlotBody project={project} slot={slot.data} canEdit={canEdit} />
      ) : (
        <>
          <header className="view-header">
            <h1>Slot {id}</h1>
          </header>
          {slot.status === 'loading' ? (
            <section className="panel">
              <Loading label="Loading the slot…" rows={5} />
            </section>
          ) : (
            <Failure error={slot.error} onRetry={slot.reload} />
          )}
        </>
      )}
    </div>
  );
}

function SlotBody({ project, slot, canEdit }: { project: string; slot: Slot; canEdit: boolean }) {
  const [decision, setDecision] = useState<Decision | null>(null);
  return (
    <>
      <header className="view-header">
        <div className="slot-title-row">
          <h1>{slot.name}</h1>
          <SlotStatus slot={slot} />
          {canEdit && (
            <a className="button slot-edit-link" href={hashTo('personalization', slot.id, 'edit')}>
              Edit slot
            </a>
          )}
        </div>
        <p className="view-summary">
          {slot.description ? `${slot.description} ` : ''}
          <span className="slot-id">{slot.id}</span>
        </p>
      </header>
      <div className="slot-layout">
        <div className="slot-main">
          <RulesPanel slot={slot} decidedRule={decision?.rule} />
          <VariantsPanel slot={slot} shown={decision?.variant ?? undefined} />
        </div>
        <SlotPreview project={project} slot={slot} onDecision={setDecision} />
      </div>
    </>
  );
}

function RulesPanel({ slot, decidedRule }: { slot: Slot; decidedRule: string | undefined }) {
  const rules = rulesByPriority(slot.rules);
  return (
    <section className="panel" aria-labelledby="slot-rules-heading">
      <h2 id="slot-rules-heading" className="panel-title">
        How a decision is made
      </h2>
      <p className="panel-subtitle">Tried from the top; the first rule whose condition matches decides.</p>
      <ol className="slot-rules">
        <li className="slot-rule slot-rule-fixed">
          <span className="slot-rule-step" aria-hidden="true">
            0
          </span>
          <div>
            <p className="slot-rule-name">
              {slot.status === 'paused' ? 'Paused: everyone sees the default' : 'Holdout'}
            </p>
            <p>{slot.status === 'paused' ? variantLabel(slot, slot.default) : describeHoldout(slot)}</p>
          </div>
        </li>
        {rules.map((rule, i) => (
          <li
            key={rule.id}
            className={`slot-rule${rule.id === decidedRule ? ' slot-rule-decided' : ''}`}
            data-testid={`rule-${rule.id}`}
          >
            <span className="slot-rule-step" aria-hidden="true">
              {i + 1}
            </span>
            <div>
              <p className="slot-rule-name">
                {rule.name ?? rule.id} <span className="slot-id">{rule.id}</span>
                <span className="slot-priority">priority {rule.priority ?? 0}</span>
                {rule.id === decidedRule && <span className="slot-tag slot-tag-decided">✓ decided the preview</span>}
              </p>
              <dl className="slot-rule-parts">
                <dt>When</dt>
                <dd>{describeTargeting(rule.when)}</dd>
                <dt>Then</dt>
                <dd>
                  {describeStrategy(rule.strategy, slot)}
                  {rule.strategy.type === 'experiment' && (
                    <>
                      {' '}
                      <a href={hashTo('experiments', rule.strategy.experiment)}>See its results</a>
                    </>
                  )}
                </dd>
              </dl>
            </div>
          </li>
        ))}
        <li className="slot-rule slot-rule-fixed">
          <span className="slot-rule-step" aria-hidden="true">
            {rules.length + 1}
          </span>
          <div>
            <p className="slot-rule-name">Otherwise</p>
            <p>Show the default, {variantLabel(slot, slot.default)}.</p>
          </div>
        </li>
      </ol>
    </section>
  );
}

function VariantsPanel({ slot, shown }: { slot: Slot; shown: string | undefined }) {
  return (
    <section className="panel" aria-labelledby="slot-variants-heading">
      <h2 id="slot-variants-heading" className="panel-title">
        Variants
      </h2>
      <ul className="slot-variants">
        {slot.variants.map((v) => (
          <li key={v.id} className={`slot-variant${v.id === shown ? ' slot-variant-shown' : ''}`}>
            <div className="slot-variant-head">
              <span className="slot-variant-name">{v.name ?? v.id}</span>
              <span className="slot-id">{v.id}</span>
              <span className="slot-tag">{v.content?.type ?? 'no content'}</span>
              {v.id === slot.default && <span className="slot-tag">default</span>}
              {v.offer && <span className="slot-tag slot-tag-offer">offer {v.offer}</span>}
              {v.id === shown && <span className="slot-tag slot-tag-decided">✓ in the preview</span>}
            </div>
            <VariantContent variant={v} />
          </li>
        ))}
      </ul>
    </section>
  );
}
