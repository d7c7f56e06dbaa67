// Customers: search the profiles (#/customers), and one customer's page with their traits, segments, scores and
// whole cross-channel timeline (#/customers/<person or distinct id>).

import { useHashPath } from '../../lib/hash-route.js';
import { CustomerPage } from './CustomerPage.js';
import { CustomerSearch } from './CustomerSearch.js';
import './customers.css';

export function CustomersView({ project }: { project: string }) {
  const [id] = useHashPath();
  return id === undefined ? (
    <CustomerSearch project={project} />
  ) : (
    <CustomerPage key={`${project}/${id}`} project={project} id={id} />
  );
}
