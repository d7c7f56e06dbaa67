// The segment builder: a name, conditions as rules (or the whole condition language as JSON), and the live size
// of the segment beside them, updated as the conditions change. It creates a segment (#/segments/new) or edits a
// saved one (#/segments/<id>/edit); saving opens the segment's page. An error the server names a field for is shown
// next to that field.

import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import {
  createSegment,
  getSegment,
  listTemplates,
  updateSegment,
  type SavedSegment,
  type SegmentCondition,
} from '../../api/segments.js';
import { searchProfiles } from '../../api/profiles.js';
import { listEventNames } from '../../api/waymark.js';
import { Failure, Loading } from '../../components/States.js';
import { formatCount } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import {
  builderOf,
  builderProblem,
  conditionOf,
  errorPlace,
  newRule,
  parseConditionJson,
  type BuilderState,
} from './builder-model.js';
import { RuleEditor } from './RuleEditor.js';
import { ShareBar } from './SegmentList.js';
import { useSegmentPreview, type PreviewState } from './use-preview.js';

export interface SegmentBuilderProps {
  project: string;
  canEdit: boolean;
  /** The id of the saved segment to edit; absent for a new one. */
  editing?: string;
}

export function SegmentBuilder({ project, canEdit, editing }: SegmentBuilderProps) {
  const choices = useAsync(
    async (signal) => {
      const [events, people, templates, initial] = await Promise.all([
        listEventNames(project, signal),
        searchProfiles(project, { limit: 200, offset: 0 }, signal),
        listTemplates(signal),
        editing === undefined ? Promise.resolve(undefined) : getSegment(project, editing, signal),
      ]);
      const traits = [...new Set(people.profiles.flatMap((p) => Object.keys(p.traits)))].sort();
      return { events, traits, templates, initial };
    },
    [project, editing],
  );
  const name = choices.status === 'done' ? choices.data.initial?.name : undefined;
  return (
    <div className="view">
      <header className="view-header">
        <p className="breadcrumb">
          <a href={hashTo('segments')}>Segments</a> /
          {editing !== undefined && (
            <>
              {' '}
              <a href={hashTo('segments', editing)}>{name ?? editing}</a> /
            </>
          )}
        </p>
        <h1>{editing === undefined ? 'New segment' : `Edit ${name ?? editing}`}</h1>
        <p className="view-summary">
          The size on the right follows the conditions as you edit them: members now, out of every person seen.
        </p>
      </header>
      {choices.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the project’s events and traits…" />
        </section>
      )}
      {choices.status === 'error' && <Failure error={choices.error} onRetry={choices.reload} />}
      {choices.status === 'done' && <BuilderForm project={project} canEdit={canEdit} {...choices.data} />}
    </div>
  );
}

interface BuilderFormProps {
  project: string;
  canEdit: boolean;
  events: string[];
  traits: string[];
  templates: { id: string; name: string; description?: string; condition: SegmentCondition }[];
  /** The saved segment being edited. */
  initial?: SavedSegment | undefined;
}

function BuilderForm({ project, canEdit, events, traits, templates, initial }: BuilderFormProps) {
  const initialRules = useMemo(() => (initial ? builderOf(initial.condition) : null), [initial]);
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [mode, setMode] = useState<'rules' | 'json'>(initial && !initialRules ? 'json' : 'rules');
  const [rules, setRules] = useState<BuilderState>(
    () =>
      initialRules ?? {
        match: 'and',
        rules: [newRule('performed', events.includes('Order Completed') ? 'Order Completed' : (events[0] ?? ''))],
      },
  );
  const [json, setJson] = useState(initial && !initialRules ? JSON.stringify(initial.condition, null, 2) : '');
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | Error | null>(null);

  const rulesProblem = mode === 'rules' ? builderProblem(rules) : null;
  const parsed = useMemo(() => (mode === 'json' ? parseConditionJson(json) : null), [mode, json]);
  const condition: SegmentCondition | null =
    mode === 'rules'
      ? rulesProblem
        ? null
        : conditionOf(rules)
      : parsed && 'condition' in parsed
        ? parsed.condition
        : null;
  const problem = mode === 'rules' ? rulesProblem : parsed && 'problem' in parsed ? parsed.problem : null;
  const preview = useSegmentPreview(project, condition);
  const conditionKey = condition === null ? null : JSON.stringify(condition);
  // An error the server named stays only until what it was about changes.
  useEffect(() => setSaveError(null), [name, description, conditionKey]);
  const place = saveError
    ? errorPlace(saveError instanceof ApiError ? saveError.field : undefined, mode === 'rules' ? rules : null)
    : null;
  const errorAt = (at: string): ReactNode =>
    saveError && place?.at === at ? <FieldError error={saveError} id={`segment-error-${at}`} /> : null;
  const invalid = (at: string) =>
    place?.at === at ? { 'aria-invalid': true, 'aria-describedby': `segment-error-${at}` } : {};

  const toJson = () => {
    setJson(JSON.stringify(rulesProblem ? conditionOf(rules) : condition, null, 2));
    setMode('json');
    setNotice(null);
  };
  const toRules = () => {
    const state = parsed && 'condition' in parsed ? builderOf(parsed.condition) : null;
    if (!state) {
      setNotice('This condition uses parts of the language the rules cannot show: keep editing it as JSON.');
      return;
    }
    setRules(state);
    setMode('rules');
    setNotice(null);
  };
  const applyTemplate = (id: string) => {
    const t = templates.find((x) => x.id === id);
    if (!t) return;
    if (name === '') setName(t.name);
    if (description === '' && t.description) setDescription(t.description);
    const state = builderOf(t.condition);
    if (state) {
      setRules(state);
      setMode('rules');
      setNotice(null);
    } else {
      setJson(JSON.stringify(t.condition, null, 2));
      setMode('json');
      setNotice(`“${t.name}” uses parts of the language the rules cannot show, so it opens as JSON.`);
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!condition || name.trim() === '') return;
    setSaving(true);
    setSaveError(null);
    const definition = {
      name: name.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      condition,
    };
    try {
      const saved = initial
        ? await updateSegment(project, initial.id, definition)
        : await createSegment(project, definition);
      window.location.hash = hashTo('segments', saved.id);
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(String(error)));
      setSaving(false);
    }
  };

  return (
    <form className="segment-builder" onSubmit={(e) => void save(e)} aria-label="Segment builder">
      <div className="panel builder-main">
        <div className="builder-top">
          <label className="field">
            <span>Name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Cart abandoners"
              required
              {...invalid('name')}
            />
            {errorAt('name')}
          </label>
          <label className="field">
            <span>Description (optional)</span>
            <input value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('description')} />
            {errorAt('description')}
          </label>
          <label className="field">
            <span>Start from a template</span>
            <select value="" onChange={(e) => applyTemplate(e.target.value)}>
              <option value="">Choose a template…</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="segmented mode-switch" role="group" aria-label="Edit the conditions as">
          <button type="button" aria-pressed={mode === 'rules'} onClick={() => mode === 'json' && toRules()}>
            Rules
          </button>
          <button type="button" aria-pressed={mode === 'json'} onClick={() => mode === 'rules' && toJson()}>
            JSON
          </button>
        </div>
        {notice && (
          <p className="stale-note" role="status">
            {notice}
          </p>
        )}
        {mode === 'rules' ? (
          <RuleEditor
            state={rules}
            onChange={setRules}
            events={events}
            traits={traits}
            error={
              saveError && place?.at === 'rule'
                ? { index: place.index, node: <FieldError error={saveError} id="segment-error-rule" /> }
                : undefined
            }
          />
        ) : (
          <label className="field">
            <span>
              Condition (the whole language of <code>docs/segments.md</code>: <code>and</code>, <code>or</code>,{' '}
              <code>not</code>, <code>aggregate</code>, <code>rfm</code>, <code>stage</code>, <code>funnel</code>…)
            </span>
            <textarea
              className="json-editor"
              spellCheck={false}
              rows={16}
              value={json}
              onChange={(e) => setJson(e.target.value)}
              {...invalid('condition')}
            />
          </label>
        )}
        {errorAt('condition')}
        {problem && (
          <p className="form-error" role="status">
            {problem}
          </p>
        )}
      </div>
      <aside className="builder-side">
        <PreviewCard state={preview} />
        <div className="panel save-panel">
          {!canEdit && <p className="muted">Your role (viewer) can preview segments but not save them.</p>}
          {errorAt('form')}
          <button
            type="submit"
            className="button button-primary button-wide"
            disabled={!canEdit || saving || condition === null || name.trim() === ''}
          >
            {saving ? 'Saving…' : initial ? 'Save changes' : 'Save segment'}
          </button>
          {name.trim() === '' && <p className="muted small">Give the segment a name to save it.</p>}
        </div>
      </aside>
    </form>
  );
}

/** The server's message, with the field it names. */
function FieldError({ error, id }: { error: Error; id: string }) {
  return (
    <p className="field-error" role="alert" id={id}>
      {error.message}
      {error instanceof ApiError && error.field && <code>{error.field}</code>}
    </p>
  );
}

function PreviewCard({ state }: { state: PreviewState }) {
  const shown = state.status === 'done' ? state.preview : state.status !== 'idle' ? state.last : undefined;
  return (
    <section className="panel preview-card" aria-labelledby="preview-heading" aria-busy={state.status === 'waiting'}>
      <h2 id="preview-heading" className="panel-title">
        Size now
      </h2>
      {shown ? (
        <div className={state.status === 'waiting' ? 'preview-numbers preview-updating' : 'preview-numbers'}>
          <p className="preview-size">
            <span data-testid="preview-size">{formatCount(shown.size)}</span> <span className="muted">members</span>
          </p>
          <ShareBar share={shown.share} />
          <p className="muted small">out of {formatCount(shown.persons)} persons seen</p>
        </div>
      ) : (
        state.status !== 'error' && <p className="muted">Complete a condition to see the size.</p>
      )}
      <p className="muted small" aria-live="polite">
        {state.status === 'waiting' ? 'Counting…' : state.status === 'done' ? 'Up to date.' : ''}
      </p>
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {state.error.message}
          {state.error instanceof ApiError && state.error.field && (
            <code className="error-code">{state.error.field}</code>
          )}
        </p>
      )}
    </section>
  );
}
