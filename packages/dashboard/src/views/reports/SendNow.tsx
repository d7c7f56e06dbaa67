// Send now: a week's report to every schedule's targets, one schedule's, or addresses typed here. The answer comes
// after the first attempt at each target; retries carry on in the server and show in the log.

import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { sendReport, type ReportSchedule, type SendRequest } from '../../api/reports.js';
import { checkWeek, lastCompleteWeek, sendSentence } from './report-model.js';
import { parseRecipients } from './schedule-model.js';

export interface SendNowProps {
  project: string;
  schedules: ReportSchedule[];
  week: string | undefined;
  timeZone: string;
  onSent: () => void;
}

const ALL = '*';
const ADDRESSES = '@';

/** The control of the form an error the API names belongs to. */
function sendErrorKey(field: string | undefined): 'week' | 'to' | 'recipients' | 'form' {
  if (field === 'week') return 'week';
  if (field === 'schedule') return 'to';
  if (field !== undefined && /^recipients(\[\d+\])?$/.test(field)) return 'recipients';
  return 'form';
}

export function SendNow({ project, schedules, week, timeZone, onSent }: SendNowProps) {
  const [weekText, setWeekText] = useState(() => week ?? lastCompleteWeek(Date.now(), timeZone));
  const [to, setTo] = useState(ALL);
  const [addresses, setAddresses] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkWeek(weekText);
    if ('problem' in checked) {
      setError({ key: 'week', message: `week ${checked.problem}` });
      return;
    }
    const body: SendRequest = { week: checked.week };
    if (to === ADDRESSES) body.recipients = parseRecipients(addresses);
    else if (to !== ALL) body.schedule = to;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const sent = await sendReport(project, body);
      setResult(sendSentence(sent.deliveries, sent.week));
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { key: sendErrorKey(err.field), message: err.message }
          : { key: 'form', message: err instanceof Error ? err.message : String(err) },
      );
    } finally {
      setBusy(false);
      onSent();
    }
  };

  const invalid = (key: string) =>
    error?.key === key ? { 'aria-invalid': true, 'aria-describedby': 'send-now-error' } : {};
  return (
    <form className="reports-send" onSubmit={(e) => void send(e)} aria-label="Send the report now">
      <label className="field">
        <span>Week</span>
        <input
          value={weekText}
          onChange={(e) => setWeekText(e.target.value)}
          size={10}
          spellCheck={false}
          {...invalid('week')}
        />
      </label>
      <label className="field">
        <span>To</span>
        <select value={to} onChange={(e) => setTo(e.target.value)} {...invalid('to')}>
          <option value={ALL}>Every schedule’s recipients and webhooks</option>
          {schedules.map((s) => (
            <option key={s.id} value={s.id}>
              Schedule “{s.id}” ({s.recipients.length + s.webhooks.length} targets)
            </option>
          ))}
          <option value={ADDRESSES}>These e-mail addresses…</option>
        </select>
      </label>
      {to === ADDRESSES && (
        <label className="field field-grow">
          <span>E-mail addresses (comma-separated)</span>
          <input
            value={addresses}
            onChange={(e) => setAddresses(e.target.value)}
            placeholder="cmo@example.com, cro@example.com"
            {...invalid('recipients')}
          />
        </label>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send now'}
      </button>
      {error && (
        <p className="reports-field-error" role="alert" id="send-now-error">
          {error.message}
        </p>
      )}
      {result && (
        <p className="form-done reports-send-result" role="status">
          {result}
        </p>
      )}
    </form>
  );
}
