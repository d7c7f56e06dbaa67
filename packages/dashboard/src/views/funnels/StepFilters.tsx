// Property filters of one funnel step: the event's property keys (from the event catalog, asked for only once the
// step has a filter) and the derived columns, an operator and a value.

import { eventPropertyKeys } from '../../api/event-list.js';
import { useAsync } from '../../lib/use-async.js';
import { DERIVED_PROPERTIES, type FilterChoice } from './builder-model.js';
import { FilterRows } from './FilterRows.js';

export interface StepFiltersProps {
  project: string;
  event: string;
  step: number;
  filters: FilterChoice[];
  onChange: (filters: FilterChoice[]) => void;
}

export function StepFilters({ project, event, step, filters, onChange }: StepFiltersProps) {
  const wanted = event !== '' && filters.length > 0;
  const props = useAsync((signal) => eventPropertyKeys(project, event, signal), [project, event], wanted);
  const keys = wanted && props.status === 'done' ? props.data : [];
  return (
    <FilterRows
      filters={filters}
      onChange={onChange}
      label={`Step ${step + 1} filter`}
      groups={[
        { label: `${event} properties`, keys },
        { label: 'Visit and device', keys: DERIVED_PROPERTIES },
      ]}
      keyName="property"
      addLabel={`Add a filter to step ${step + 1}`}
      addText="+ Filter"
      disabled={event === ''}
    />
  );
}
