// SQL fragments that resolve distinct ids to their current person through the identity map, so that merges apply
// retroactively to every read. Pure: they return SQL text with bound-parameter placeholders.

/** `distinct_id -> person_id` as of now, for the project bound to `{project:String}`. */
export function currentIdentitiesSql(database: string): string {
  return `SELECT distinct_id, argMax(person_id, version) AS person_id
    FROM ${database}.identities WHERE project_id = {project:String} GROUP BY distinct_id`;
}

/**
 * Events of the project bound to `{project:String}` with `person_id` replaced by the distinct id's current person.
 * Use it as a subquery wherever events are counted per person.
 */
export function resolvedEventsSql(database: string, columns = '*'): string {
  const select = columns === '*' ? 'e.* EXCEPT (person_id)' : columns;
  return `SELECT ${select}, if(ids.person_id != '', ids.person_id, e.person_id) AS person_id
    FROM ${database}.events AS e
    LEFT JOIN (${currentIdentitiesSql(database)}) AS ids ON ids.distinct_id = e.distinct_id
    WHERE e.project_id = {project:String}`;
}

/**
 * Only the distinct ids whose person changed after their events were stored (merges): each event already carries
 * the person its distinct id had at ingest, so only these need resolving. Far smaller than the whole map, which
 * keeps the join of large scans cheap. Same contract as `currentIdentitiesSql`. Reads `identity_history`, which
 * keeps every (distinct id, person) pair: `identities` itself collapses to one row per id when ClickHouse merges it.
 */
export function identityOverridesSql(database: string): string {
  return `SELECT distinct_id, argMax(i.person_id, i.version) AS person_id
    FROM ${database}.identity_history AS i WHERE i.project_id = {project:String}
    GROUP BY distinct_id HAVING uniqExact(i.person_id) > 1`;
}
