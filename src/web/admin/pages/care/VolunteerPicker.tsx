import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Select } from 'antd';
import type { BeneficiaryDetail } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { CARE_KEY, useCallers } from './data';

/**
 * 结对志愿者, chosen right on the beneficiary's page: volunteers of the person's neighborhood (or
 * of the whole subdistrict). The change is saved at once; the server audits it and the timeline shows it.
 */
export function VolunteerPicker({ b }: { b: BeneficiaryDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const callers = useCallers();
  const volunteers = (callers.data ?? []).filter(
    (c) => c.roles.includes('volunteer') && (c.neighborhoodNames.length === 0 || c.neighborhoodNames.includes(b.neighborhoodName)),
  );
  const save = useMutation({
    mutationFn: (volunteerAccountId: string | null) =>
      api.patch<BeneficiaryDetail>(`/api/care/beneficiaries/${b.id}`, { volunteerAccountId }),
    onSuccess: (next) => {
      client.setQueryData([...CARE_KEY, 'beneficiary', b.id], next);
      void client.invalidateQueries({ queryKey: [...CARE_KEY, 'beneficiary', b.id, 'timeline'] });
      message.success(t('care.b.volunteerSaved'));
    },
    onError: (err) => showError(err),
  });
  return (
    <Select
      size="small"
      allowClear
      style={{ minWidth: 180 }}
      loading={callers.isPending || save.isPending}
      value={b.volunteerAccountId ?? undefined}
      placeholder={t('care.b.volunteerPick')}
      aria-label={t('care.b.volunteerPick')}
      data-testid="volunteer-picker"
      options={volunteers.map((c) => ({ value: c.id, label: c.name }))}
      onChange={(v: string | undefined) => save.mutate(v ?? null)}
    />
  );
}
