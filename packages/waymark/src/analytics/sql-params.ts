// Collects bound parameters while an analysis compiles to SQL: every value becomes a `{pN:Type}` placeholder, so
// no spec value ever appears inside the SQL text.

import type { QueryParams } from '../warehouse/warehouse.js';

export type ParamType = 'String' | 'Float64' | 'Int64' | 'Array(String)' | 'Array(Float64)' | 'Array(Int64)';

export interface CompiledQuery {
  sql: string;
  params: QueryParams;
}

export class ParamBinder {
  readonly params: Record<string, string | number | readonly (string | number)[]> = {};
  private next = 0;

  /** The project every analysis is scoped to, bound as `{project:String}` (the identity SQL expects that name). */
  constructor(projectId: string) {
    this.params['project'] = projectId;
  }

  /** Returns the placeholder for `value`, e.g. `{p3:String}`. */
  bind(value: string | number | readonly (string | number)[], type: ParamType): string {
    const name = `p${this.next++}`;
    this.params[name] = value;
    return `{${name}:${type}}`;
  }

  string(value: string): string {
    return this.bind(value, 'String');
  }

  number(value: number): string {
    return this.bind(value, Number.isInteger(value) ? 'Int64' : 'Float64');
  }
}
