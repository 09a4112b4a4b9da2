import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { roleName, useI18n } from '../../../i18n';
import { allows } from '../../access';
import { pagesOf, routes } from '../../routes';
import { useMe } from '../../session';
import { HomeCards } from './HomeCards';

export default function HomePage() {
  const { t } = useI18n();
  const { me, access } = useMe();
  if (!me) return null;
  const shortcuts = pagesOf(routes).filter((r) => r.path !== '/' && !r.hideInMenu && allows(access, r.access));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.account.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.subtitle', { subdistrict: me.subdistrict.name })}
        </Typography.Paragraph>
      </Card>
      <HomeCards />
      <Card title={t('home.roles')}>
        {me.roles.length === 0 ? (
          <Empty description={t('home.noRoles')} />
        ) : (
          <List
            data-testid="my-roles"
            dataSource={me.roles}
            renderItem={(g) => (
              <List.Item key={`${g.role}:${g.orgId}`}>
                <Space>
                  <Tag color="blue" variant="filled">
                    {roleName(g.role)}
                  </Tag>
                  <span>{t('home.scope', { org: g.orgName })}</span>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      {shortcuts.length > 0 && (
        <Card title={t('home.permissions')}>
          <Space wrap>
            {shortcuts.map((r) => (
              <Link key={r.path} to={r.path}>
                <Button icon={r.icon}>{t(r.name)}</Button>
              </Link>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}
