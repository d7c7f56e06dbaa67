// The slot editor's variants: id, name, content (text, HTML or JSON) and an optional offer code each.

import type { SlotDraft, VariantDraft } from './slot-editor-model.js';
import { newVariant } from './slot-editor-model.js';
import type { ErrorAt } from './SlotEditor.js';

export interface SlotPartEditorProps {
  draft: SlotDraft;
  onChange: (draft: SlotDraft) => void;
  errorAt: ErrorAt;
  invalid: (key: string) => object;
}

const CONTENT_TYPES: { value: VariantDraft['contentType']; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'html', label: 'HTML' },
  { value: 'json', label: 'JSON' },
  { value: 'none', label: 'No content (offer only)' },
];

export function SlotVariantsEditor({ draft, onChange, errorAt, invalid }: SlotPartEditorProps) {
  const setVariant = (i: number, patch: Partial<VariantDraft>) => {
    const before = draft.variants[i];
    const variants = draft.variants.map((v, j) => (j === i ? { ...v, ...patch } : v));
    // Renaming the default's id keeps it the default.
    const renamed = patch.id !== undefined && before?.id === draft.default;
    onChange({ ...draft, variants, ...(renamed ? { default: patch.id } : {}) });
  };
  const remove = (i: number) => onChange({ ...draft, variants: draft.variants.filter((_, j) => j !== i) });
  const add = () =>
    onChange({ ...draft, variants: [...draft.variants, newVariant(`variant-${draft.variants.length + 1}`)] });
  return (
    <section className="panel" aria-labelledby="variants-editor-heading">
      <h2 id="variants-editor-heading" className="panel-title">
        Variants
      </h2>
      <p className="panel-subtitle">What the slot can show. HTML renders in a sandbox in the preview.</p>
      <ol className="slot-edit-list">
        {draft.variants.map((v, i) => {
          const n = i + 1;
          return (
            <li key={i} className="slot-edit-item">
              <div className="slot-edit-row">
                <label className="field">
                  <span>Id</span>
                  <input
                    aria-label={`Variant ${n} id`}
                    value={v.id}
                    onChange={(e) => setVariant(i, { id: e.target.value })}
                    {...invalid(`variants[${i}].id`)}
                  />
                </label>
                <label className="field">
                  <span>Name (optional)</span>
                  <input
                    aria-label={`Variant ${n} name`}
                    value={v.name}
                    onChange={(e) => setVariant(i, { name: e.target.value })}
                    {...invalid(`variants[${i}].name`)}
                  />
                </label>
                <label className="field">
                  <span>Content</span>
                  <select
                    aria-label={`Variant ${n} content type`}
                    value={v.contentType}
                    onChange={(e) => setVariant(i, { contentType: e.target.value as VariantDraft['contentType'] })}
                  >
                    {CONTENT_TYPES.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span>Offer code (optional)</span>
                  <input
                    aria-label={`Variant ${n} offer`}
                    value={v.offer}
                    onChange={(e) => setVariant(i, { offer: e.target.value })}
                    {...invalid(`variants[${i}].offer`)}
                  />
                </label>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => remove(i)}
                  disabled={draft.variants.length <= 1}
                  aria-label={`Remove variant ${n}`}
                >
                  ×
                </button>
              </div>
              {errorAt(`variants[${i}].id`)}
              {errorAt(`variants[${i}].name`)}
              {errorAt(`variants[${i}].offer`)}
              {v.contentType !== 'none' && (
                <label className="field">
                  <span className="visually-hidden">Variant {n} content</span>
                  <textarea
                    aria-label={`Variant ${n} content`}
                    className={v.contentType === 'text' ? undefined : 'json-editor'}
                    rows={v.contentType === 'text' ? 2 : 4}
                    spellCheck={v.contentType === 'text'}
                    value={v.content}
                    onChange={(e) => setVariant(i, { content: e.target.value })}
                    {...invalid(`variants[${i}].content`)}
                  />
                </label>
              )}
              {errorAt(`variants[${i}].content`)}
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button-quiet" onClick={add} disabled={draft.variants.length >= 50}>
        + Variant
      </button>
    </section>
  );
}
