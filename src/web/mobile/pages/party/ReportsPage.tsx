import './messages';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { MyReports } from '../../../../contracts/party';
import { api, errorText, formFieldErrors } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { Choice, TextAreaField } from '../../kit/Inputs';
import { newClientKey, useLoad } from '../../kit/session';
import { useMemberSession } from './member';
import './party.css';

type Reports = z.infer<typeof MyReports>;

/** 思想汇报 / 心得体会: write one on the phone; see the branch's review of the ones sent. */
export default function PartyReportsPage() {
  const { t } = useI18n();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? 'party-reports' : null, () => api.get<Reports>('/api/party/me/reports'));
  const [list, setList] = useState<Reports | null>(null);
  const [kind, setKind] = useState<'thought_report' | 'reflection'>('thought_report');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [key, setKey] = useState(newClientKey);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      setList(await api.post<Reports>('/api/party/me/reports', { clientKey: key, kind, title, body }));
      setTitle('');
      setBody('');
      setKey(newClientKey());
      setSent(true);
    } catch (err) {
      const fields = Object.fromEntries(formFieldErrors(err).map((f) => [String(f.name[0]), f.errors.join('；')]));
      setErrors(Object.keys(fields).length ? fields : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('m.party.reports')} back={{ to: '/m/party' }}>
      <form onSubmit={submit}>
        {sent && <Notice>{t('m.party.sent')}</Notice>}
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <Choice
          legend={t('m.party.kind')}
          name="kind"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'thought_report', label: t('m.party.thoughtReport') },
            { value: 'reflection', label: t('m.party.reflection') },
          ]}
        />
        <Field
          label={t('m.party.reportTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={60}
          required
          error={errors.title}
        />
        <TextAreaField
          label={t('m.party.reportBody')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={8}
          required
          error={errors.body}
        />
        <Button type="submit" busy={busy} disabled={busy}>
          {t('m.party.submitReport')}
        </Button>
      </form>
      <h2>{t('m.party.mine')}</h2>
      <Loaded load={{ data: list ?? load.data, error: load.error }}>
        {({ reports }) => (
          <ul className="plainlist">
            {reports.map((r) => (
              <li key={r.id}>
                <strong>{r.title}</strong> <span className="status status-todo">{t(`m.party.status.${r.status}`)}</span>
                {r.reviewComment && <p className="hint">{t('m.party.comment.by', { c: r.reviewComment })}</p>}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
