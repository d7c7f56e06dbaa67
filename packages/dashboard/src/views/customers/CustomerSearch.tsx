// Profile search: text anywhere in the traits and/or one trait's value, most recently seen first, a page at a time.
// The search is kept across visits to a customer's page and back.

import { useState, type FormEvent } from 'react';
import { searchProfiles, type Profile } from '../../api/profiles.js';
import { Pager } from '../../components/Pager.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatAmount, formatCount } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { displayName, profileSearchOf } from './customer-model.js';

const PAGE = 25;

/** The last search, so going back from a customer shows the same list. */
let remembered = { text: '', trait: '', offset: 0 };

export function CustomerSearch({ project }: { project: string }) {
  const [text, setText] = useState(remembered.text);
  const [trait, setTrait] = useState(remembered.trait);
  const [asked, setAsked] = useState(remembered);
  const built = profileSearchOf(asked.text, asked.trait, { limit: PAGE, offset: asked.offset });
  const key = JSON.stringify(built);
  const page = useAsync(
    (signal) =>
      'search' in built ? searchProfiles(project, built.search, signal) : Promise.reject(new Error(built.problem)),
    [project, key],
  );
  const ask = (next: typeof asked) => {
    remembered = next;
    setAsked(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask({ text, trait, offset: 0 });
  };
  const formProblem = 'problem' in profileSearchOf(text, trait, { limit: PAGE, offset: 0 }) && trait.trim() !== '';
  return (
    <div className="view">
      <header className="view-header">
        <h1>Customers</h1>
        <p className="view-summary">
          Every person seen, one profile across all their devices and ids. Search by anything in their traits.
        </p>
      </header>
      <form className="panel customer-search" role="search" onSubmit={submit} aria-label="Search customers">
        <label className="field field-grow">
          <span>Search</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Name, email, city… anything in the traits"
          />
        </label>
        <label className="field">
          <span>Trait equals</span>
          <input value={trait} onChange={(e) => setTrait(e.target.value)} placeholder="key:value, e.g. plan:gold" />
        </label>
        <button type="submit" className="button button-primary" disabled={formProblem}>
          Search
        </button>
        {formProblem && (
          <p className="form-error search-problem" role="status">
            A trait filter looks like key:value, e.g. plan:gold.
          </p>
        )}
      </form>
      <section className="panel" aria-labelledby="results-heading" aria-busy={page.status === 'loading'}>
        <h2 id="results-heading" className="visually-hidden">
          Customers found
        </h2>
        {page.status === 'loading' && <Loading label="Searching customers…" rows={6} />}
        {page.status === 'error' && <Failure error={page.error} onRetry={page.reload} />}
        {page.status === 'done' &&
          (page.data.profiles.length === 0 ? (
            <Empty title={asked.text || asked.trait ? 'Nobody matches this search' : 'No customers yet'}>
              {asked.text || asked.trait
                ? 'Try fewer words, or look for part of an email address.'
                : 'Profiles appear as soon as events arrive.'}
            </Empty>
          ) : (
            <>
              <ProfileTable profiles={page.data.profiles} />
              <Pager
                offset={asked.offset}
                limit={PAGE}
                total={page.data.total}
                onOffset={(offset) => ask({ ...asked, offset })}
                label="customers"
              />
            </>
          ))}
      </section>
    </div>
  );
}

function ProfileTable({ profiles }: { profiles: Profile[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Customers found (table)">
      <table className="data-table customer-table">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Email</th>
            <th scope="col">Last seen</th>
            <th scope="col" className="numeric">
              Sessions
            </th>
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col" className="numeric">
              Revenue
            </th>
            <th scope="col">First channel</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.personId}>
              <td>
                <a href={hashTo('customers', p.personId)} className="strong-link">
                  {displayName(p)}
                </a>
                {!p.identified && <span className="badge">anonymous</span>}
              </td>
              <td>{typeof p.traits['email'] === 'string' ? p.traits['email'] : '–'}</td>
              <td>{p.lastSeen.slice(0, 16).replace('T', ' ')}</td>
              <td className="numeric">{formatCount(p.sessions)}</td>
              <td className="numeric">{formatCount(p.eventCount)}</td>
              <td className="numeric">{formatAmount(p.revenue)}</td>
              <td title={p.channels.join(', ')}>
                {p.channels[0] ?? '–'}
                {p.channels.length > 1 && <span className="muted"> +{p.channels.length - 1} more</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
