import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { CommitteeDetail } from '../../../../contracts/training';
import { MEMBER_ROLES } from '../../../../contracts/training.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useOrgUnits } from '../../org';
import { useMe } from '../../session';
import { TermTag } from './CommitteesPage';
import { roleKey, stat, TRAINING_KEY } from './data';

/** One committee: members, term, the 规范化 checklist and the 换届改选 steps, ticked by the office. */
export default function CommitteePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { access } = useMe();
  const client = useQueryClient();
  const showError = useShowError();
  const key = [...TRAINING_KEY, 'committee', id];
  const [editing, setEditing] = useState(false);
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<CommitteeDetail>(`/api/training/committees/${id}`) });
  const tick = useMutation({
    mutationFn: (b: { itemKey: string; done: boolean }) => api.post<CommitteeDetail>(`/api/training/committees/${id}/ticks`, b),
    onSuccess: (d) => {
      client.setQueryData(key, d);
      void client.invalidateQueries({ queryKey: [...TRAINING_KEY, 'committees'] });
    },
    onError: (e) => showError(e),
  });
  if (detail.isPending) return <PageLoading />;
  if (!detail.data) return <Empty description={t('training.c.notFound')} />;
  const c = detail.data;
  const canTick = !!access['training:manage'];
  const checklist = (items: CommitteeDetail['checklist'], testId: string) => (
    <List
      data-testid={testId}
      dataSource={items}
      renderItem={(i) => (
        <List.Item extra={i.tickedAt ? formatTime(i.tickedAt) : null}>
          <Checkbox
            checked={i.done}
            disabled={!canTick || tick.isPending}
            onChange={(e) => tick.mutate({ itemKey: i.key, done: e.target.checked })}
          >
            {i.label}
          </Checkbox>
        </List.Item>
      )}
    />
  );
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card
          title={c.name}
          extra={
            canTick && (
              <Button onClick={() => setEditing(true)} data-testid="edit-committee">
                {t('training.c.edit')}
              </Button>
            )
          }
        >
          <Descriptions column={3}>
            <Descriptions.Item label={t('training.c.neighborhood')}>{c.neighborhoodName}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.estate')}>{c.estateName}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.term')}>
              {c.termStart} ~ {c.termEnd} <TermTag c={c} />
            </Descriptions.Item>
            <Descriptions.Item label={t('training.c.officePhone')}>{c.officePhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.score')}>{stat(c.score)}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.surveyLink')}>
              <Typography.Text copyable>{`${window.location.origin}/m/training/survey/${c.id}`}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={c.members}
            columns={[
              { title: t('training.c.memberName'), dataIndex: 'name' },
              { title: t('training.c.memberRole'), dataIndex: 'role', render: (r: string) => t(roleKey(r)) },
              { title: t('training.c.memberPhone'), dataIndex: 'phoneMasked' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('training.c.checklist')}>{checklist(c.checklist, 'checklist')}</Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('training.c.reSteps', { done: c.reElectionDone, all: c.reElectionSteps })}>
          {checklist(c.reElection, 're-election')}
        </Card>
      </Col>
      {editing && (
        <EditCommittee
          c={c}
          onClose={() => setEditing(false)}
          onSaved={(d) => {
            client.setQueryData(key, d);
            void client.invalidateQueries({ queryKey: [...TRAINING_KEY, 'committees'] });
            setEditing(false);
          }}
        />
      )}
    </Row>
  );
}

interface EditValues {
  estateId: string;
  name: string;
  term: [Dayjs, Dayjs];
  officePhone?: string;
  members: { personId?: string; name?: string; idNumber?: string; phone?: string; role: string }[];
}

/** edits the committee: estate, name, term, office phone; members kept (by person), removed, re-roled or added by ID number */
function EditCommittee({ c, onClose, onSaved }: { c: CommitteeDetail; onClose: () => void; onSaved: (d: CommitteeDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const showError = useShowError();
  const units = useOrgUnits();
  const estates = useMemo(() => {
    const all = units.data ?? [];
    return all
      .filter((u) => u.kind === 'estate')
      .map((u) => ({ value: u.id, label: `${all.find((n) => n.id === u.parentId)?.name ?? ''} · ${u.name}` }));
  }, [units.data]);
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      api.put<CommitteeDetail>(`/api/training/committees/${c.id}`, {
        estateId: v.estateId,
        name: v.name,
        termStart: v.term[0].format('YYYY-MM-DD'),
        termEnd: v.term[1].format('YYYY-MM-DD'),
        officePhone: v.officePhone || null,
        assemblyFormedOn: c.assemblyFormedOn,
        members: (v.members ?? []).map((m) =>
          m.personId
            ? { personId: m.personId, role: m.role }
            : { name: m.name, idNumber: m.idNumber, phone: m.phone || null, role: m.role },
        ),
      }),
    onSuccess: onSaved,
    onError: (err) => showError(err, form),
  });
  const roles = MEMBER_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }));
  return (
    <Modal
      open
      title={t('training.c.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={760}
      okText={t('common.save')}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          estateId: c.estateId,
          name: c.name,
          term: [dayjs(c.termStart), dayjs(c.termEnd)],
          officePhone: c.officePhone ?? '',
          members: c.members.map((m) => ({ personId: m.personId, name: m.name, role: m.role })),
        }}
      >
        <Form.Item name="estateId" label={t('training.c.estate')} rules={[{ required: true, message: t('training.c.estateRequired') }]}>
          <Select options={estates} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="name" label={t('training.c.name')} rules={[{ required: true, message: t('training.c.nameRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="term" label={t('training.c.term')} rules={[{ required: true, message: t('training.c.termRequired') }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="officePhone" label={t('training.c.officePhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => {
                const kept = !!form.getFieldValue(['members', f.name, 'personId']);
                return (
                  <Space key={f.key} align="baseline" wrap>
                    {kept ? (
                      <Typography.Text style={{ display: 'inline-block', width: 470 }}>
                        {form.getFieldValue(['members', f.name, 'name'])} {t('training.c.keptMember')}
                      </Typography.Text>
                    ) : (
                      <>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('training.c.memberName') }]}>
                          <Input placeholder={t('training.c.memberName')} style={{ width: 110 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'idNumber']} rules={[{ required: true, message: t('training.c.memberId') }]}>
                          <Input placeholder={t('training.c.memberId')} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'phone']}>
                          <Input placeholder={t('training.c.memberPhone')} style={{ width: 140 }} />
                        </Form.Item>
                      </>
                    )}
                    <Form.Item name={[f.name, 'role']}>
                      <Select style={{ width: 110 }} options={roles} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>
                      {t('common.delete')}
                    </Button>
                  </Space>
                );
              })}
              <Button onClick={() => add({ role: 'member' })}>{t('training.c.addMember')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
