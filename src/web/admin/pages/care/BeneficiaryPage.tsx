import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { BeneficiaryDetail, CallSummary, CareRevealBody, NeedItemRow, Revealed } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { BeneficiaryDrawer } from './BeneficiaryDrawer';
import { CARE_KEY } from './data';
import { TimelineCard } from './TimelineCard';
import { TodoList } from './TodosPage';
import { NeedStatusTag, UrgencyTag } from './tags';
import { VolunteerPicker } from './VolunteerPicker';

type Field = z.infer<typeof CareRevealBody>['field'];
type Call = z.infer<typeof CallSummary>;

/** One beneficiary: summary, masked ID and phones (revealed on request, audited), contact history, calls, needs, todos. */
export default function BeneficiaryPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { access } = useMe();
  // back to the list as it was (filters live in its address); opened directly, to the list itself
  const back = () => (location.key === 'default' ? navigate('/care/beneficiaries') : navigate(-1));
  const [editing, setEditing] = useState(false);
  const detail = useQuery({
    queryKey: [...CARE_KEY, 'beneficiary', id],
    queryFn: () => api.get<BeneficiaryDetail>(`/api/care/beneficiaries/${id}`),
  });
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    return (
      <Card>
        <Empty description={t('care.b.notFound')} />
      </Card>
    );
  }
  const b = detail.data;
  const revealable = access['care:reveal'];
  const masked = (field: Field, value: string | null) => (
    <Masked key={`${b.id}:${field}:${value}`} id={b.id} field={field} masked={value} can={revealable} />
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
            <span data-testid="beneficiary-name">{b.name}</span>
            <Tag color="blue">{b.category}</Tag>
            {b.flags.map((f) => (
              <Tag key={f} color="orange">
                {f}
              </Tag>
            ))}
          </Space>
        }
        extra={
          access['care:manage'] && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="beneficiary-edit">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="beneficiary-summary">
          <Descriptions.Item label={t('care.b.genderAge')}>
            {[b.gender ? t(`care.gender.${b.gender}`) : null, b.age !== null ? t('care.age', { age: b.age }) : null]
              .filter(Boolean)
              .join(' · ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.b.idNumber')}>{masked('idNumber', b.idNumberMasked)}</Descriptions.Item>
          <Descriptions.Item label={t('care.b.neighborhood')}>{b.neighborhoodName}</Descriptions.Item>
          <Descriptions.Item label={t('care.b.address')} span={2}>
            <span data-testid="beneficiary-address">{b.address}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('care.b.phone')}>{masked('phone', b.phoneMasked)}</Descriptions.Item>
          <Descriptions.Item label={t('care.b.altPhone')}>{masked('altPhone', b.altPhoneMasked)}</Descriptions.Item>
          <Descriptions.Item label={t('care.b.livingSituation')}>
            {b.livingSituation ? t(`care.livingSituation.${b.livingSituation}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.b.disabilityGrade')}>{b.disabilityGrade ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('care.b.emergency')}>
            <Space size={4}>
              {b.emergencyName ?? '—'}
              {masked('emergencyPhone', b.emergencyPhoneMasked)}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('care.b.lastContact')}>
            {b.lastContactAt ? formatTime(b.lastContactAt) : t('care.b.never')}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.b.staff')}>{b.staffName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('care.b.volunteer')}>
            {access['care:manage'] ? <VolunteerPicker b={b} /> : (b.volunteerName ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.b.healthNotes')} span={3}>
            {b.healthNotes ?? '—'}
          </Descriptions.Item>
          {b.note && (
            <Descriptions.Item label={t('care.b.note')} span={3}>
              {b.note}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <ContactHistory b={b} />
        </Col>
        <Col xs={24} xl={15}>
          <Calls calls={b.calls} />
        </Col>
      </Row>
      <TimelineCard beneficiaryId={b.id} canNote={access['care:manage']} />
      <Needs needs={b.needs} />
      <Card title={t('care.todo.title')} size="small">
        <TodoList todos={b.todos} compact />
      </Card>
      {editing && <BeneficiaryDrawer beneficiary={b} onClose={() => setEditing(false)} />}
    </Space>
  );
}

/** A masked value with 「查看」 for those who may: the server records every reveal in the audit log. */
function Masked({ id, field, masked, can }: { id: string; field: Field; masked: string | null; can: boolean }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const reveal = useMutation({
    mutationFn: () => api.post<z.infer<typeof Revealed>>(`/api/care/beneficiaries/${id}/reveal`, { field }),
    onSuccess: (r) => setValue(r.value),
    onError: (err) => showError(err),
  });
  if (!masked) return <span>—</span>;
  if (value !== undefined)
    return (
      <Typography.Text copyable={!!value} data-testid={`revealed-${field}`}>
        {value ?? '—'}
      </Typography.Text>
    );
  return (
    <Space size={4}>
      <span data-testid={`masked-${field}`}>{masked}</span>
      {can && (
        <Tooltip title={t('care.b.revealHint')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            data-testid={`reveal-${field}`}
          >
            {t('care.b.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}

function ContactHistory({ b }: { b: BeneficiaryDetail }) {
  const { t } = useI18n();
  return (
    <Card title={t('care.b.history')} size="small" extra={<Typography.Text type="secondary">{t('care.b.historyHint')}</Typography.Text>}>
      {b.contactHistory.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care.b.historyNone')} />
      ) : (
        <Timeline
          data-testid="contact-history"
          items={b.contactHistory.map((h, i) => {
            // the newest change of each field is what the lists show now
            const current = b.contactHistory.findIndex((x) => x.field === h.field) === i;
            return {
              key: `${h.changedAt}:${h.field}:${i}`,
              color: current ? 'blue' : 'gray',
              content: (
                <>
                  <Typography.Text type="secondary">{formatTime(h.changedAt)}</Typography.Text>
                  <div>
                    <Typography.Text strong>{t(`care.b.field.${h.field}`)}</Typography.Text>：{h.before ?? t('care.b.empty')} →{' '}
                    <Typography.Text strong>{h.after ?? t('care.b.empty')}</Typography.Text>
                    {current && (
                      <Tag color="blue" style={{ marginLeft: 8 }}>
                        {t('care.b.latest')}
                      </Tag>
                    )}
                  </div>
                  <Typography.Text type="secondary">{t('care.b.changedBy', { name: h.changedBy ?? '—' })}</Typography.Text>
                </>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

function Calls({ calls }: { calls: Call[] }) {
  const { t } = useI18n();
  const label = (prefix: string, v: string | null) => (v ? t(`${prefix}.${v}`) : '—');
  const columns: ColumnsType<Call> = [
    { title: t('care.call.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('care.call.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (v: Call['outcome']) => <Tag color={v === 'reached' ? 'green' : 'default'}>{t(`care.outcome.${v}`)}</Tag>,
    },
    { title: t('care.call.caller'), dataIndex: 'callerName', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('care.call.health'), dataIndex: 'healthStatus', width: 80, render: (v: string | null) => label('care.health', v) },
    { title: t('care.call.living'), dataIndex: 'livingStatus', width: 90, render: (v: string | null) => label('care.living', v) },
    { title: t('care.call.mood'), dataIndex: 'mood', width: 70, render: (v: string | null) => label('care.mood', v) },
    { title: t('care.call.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
  ];
  return (
    <Card title={t('care.call.title')} size="small">
      <Table<Call>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={calls}
        pagination={false}
        scroll={{ x: 700 }}
        data-testid="beneficiary-calls"
      />
    </Card>
  );
}

function Needs({ needs }: { needs: NeedItemRow[] }) {
  const { t } = useI18n();
  const columns: ColumnsType<NeedItemRow> = [
    { title: t('care.need.item'), dataIndex: 'item', render: (v: string) => t(`care.item.${v}`) },
    { title: t('care.need.quantity'), dataIndex: 'quantity', width: 80 },
    { title: t('care.need.urgency'), dataIndex: 'urgency', width: 90, render: (v: NeedItemRow['urgency']) => <UrgencyTag urgency={v} /> },
    { title: t('care.need.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    { title: t('care.need.status'), dataIndex: 'status', width: 100, render: (v: NeedItemRow['status']) => <NeedStatusTag status={v} /> },
    { title: t('care.need.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
  ];
  return (
    <Card title={t('care.need.ofPerson')} size="small">
      <Table<NeedItemRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={needs}
        pagination={false}
        data-testid="beneficiary-needs"
      />
    </Card>
  );
}
