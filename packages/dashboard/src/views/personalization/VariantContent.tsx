// A variant's content, shown safely: text as text, JSON pretty-printed, and HTML rendered only inside an iframe
// with no permissions (no scripts, an opaque origin), with its source beside it as escaped text. Nothing of a
// variant is ever put into the dashboard's own DOM as HTML.

import type { SlotVariant } from '../../api/personalization.js';
import { contentSource, htmlPreviewDocument } from './slot-model.js';

export function VariantContent({ variant }: { variant: SlotVariant }) {
  const content = variant.content;
  if (!content) return <p className="muted">No content: the page decides what this variant shows.</p>;
  const source = contentSource(content);
  if (content.type === 'text') return <p className="slot-text">{source}</p>;
  if (content.type === 'json') return <pre className="slot-code">{source}</pre>;
  return (
    <div className="slot-html">
      <iframe
        title={`Rendered HTML of variant ${variant.id}`}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={htmlPreviewDocument(source)}
        className="slot-frame"
      />
      <details>
        <summary>HTML source</summary>
        <pre className="slot-code">{source}</pre>
      </details>
    </div>
  );
}
