import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorText, formFieldErrors } from '../api';

/**
 * Shows a failed request the one way the admin app does: field errors under their form fields
 * (when the form has them), anything else as a message.
 */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      const fields = formFieldErrors(err);
      if (form && fields.length > 0) {
        const present = form.getFieldsValue(true) as Record<string, unknown>;
        form.setFields(fields);
        // a field the form does not show still needs to be read somewhere
        if (fields.every((f) => String(f.name[0]) in present)) return;
      }
      message.error(errorText(err));
    },
    [message],
  );
}
