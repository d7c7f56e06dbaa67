// What every analysis offers, so the API, the CLI and the dashboard treat them alike: parse a JSON spec (errors name
// the field), run it against a project, and lay the result out as a table for `--format table|csv`.

import type { Warehouse } from '../warehouse/warehouse.js';

/** Reads a project's saved definitions (the state store's `definitions`), e.g. its journey stage map. */
export interface DefinitionReader {
  get<T>(projectId: string, kind: string, id: string): Promise<{ body: T } | undefined>;
}

export interface AnalysisContext {
  warehouse: Warehouse;
  /** The clock relative ranges and open windows are measured against. */
  now: () => number;
  /** Saved definitions a spec may leave out (the project's stage map); without it the defaults apply. */
  definitions?: DefinitionReader;
}

/** A flat view of a result: what `--format table` prints and `--format csv` writes. */
export interface ResultTable {
  columns: string[];
  rows: (string | number | null)[][];
}

export interface Analysis<Spec, Result> {
  /** The name in `POST /api/query/<name>` and `waymark query <name>`. */
  readonly name: string;
  readonly description: string;
  /** Checks and types a spec; throws `invalid_request` naming the field at fault. */
  parse(raw: unknown): Spec;
  run(ctx: AnalysisContext, projectId: string, spec: Spec): Promise<Result>;
  table(result: Result): ResultTable;
}
