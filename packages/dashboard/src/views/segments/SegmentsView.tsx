// Segments: the saved segments with their sizes and trends (#/segments), the builder with a live size preview
// (#/segments/new, and #/segments/<id>/edit for a saved one), one segment's page with insights and members
// (#/segments/<id>), and overlap and comparison of segments (#/segments/compare/<a>/<b>).

import type { Role } from '../../api/types.js';
import { useHashPath } from '../../lib/hash-route.js';
import { SegmentBuilder } from './SegmentBuilder.js';
import { SegmentCompare } from './SegmentCompare.js';
import { SegmentList } from './SegmentList.js';
import { SegmentPage } from './SegmentPage.js';
import './segments.css';

export interface SegmentsViewProps {
  project: string;
  role: Role;
}

export function SegmentsView({ project, role }: SegmentsViewProps) {
  const [page, ...rest] = useHashPath();
  const canEdit = role !== 'viewer';
  if (page === 'new') return <SegmentBuilder key={project} project={project} canEdit={canEdit} />;
  if (page === 'compare') return <SegmentCompare key={project} project={project} chosen={rest} />;
  if (page !== undefined && rest[0] === 'edit' && canEdit)
    return <SegmentBuilder key={`${project}/${page}/edit`} project={project} canEdit={canEdit} editing={page} />;
  if (page !== undefined)
    return <SegmentPage key={`${project}/${page}`} project={project} id={page} canEdit={canEdit} />;
  return <SegmentList project={project} canEdit={canEdit} />;
}
