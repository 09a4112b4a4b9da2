import { useQueryClient } from '@tanstack/react-query';
import { Form } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorText, formFieldErrors } from '../../../api';
import { refreshMe } from '../../session';

/**
 * A sign-in step's form: submits, then reloads the user and moves on to the next step (or the app).
 * A failure shows the server's message above the form and its field errors under the fields.
 */
export function useStep<T>(submit: (values: T) => Promise<unknown>) {
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const onFinish = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await submit(values);
      const to = await refreshMe(client, params.get('from') ?? '/');
      // the phone pages (staff open the call screen there) are the other app: load it
      if (to === '/m' || to.startsWith('/m/')) window.location.replace(to);
      else navigate(to, { replace: true });
    } catch (err) {
      const fields = formFieldErrors(err);
      if (fields.length > 0) form.setFields(fields as never);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { form, error, busy, onFinish };
}
