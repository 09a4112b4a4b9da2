import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../../api';
import { roleName, useI18n } from '../../i18n';
import { InboxBell } from '../components/InboxBell';
import { LangSwitch } from '../components/LangSwitch';
import { pagesOf, routes } from '../routes';
import { ME_KEY, useMe } from '../session';
import styles from './app-layout.module.css';
import { groupKeys, menuItems, selectedKey } from './menu';

const pages = pagesOf(routes);

export function AppLayout() {
  const { t, lang } = useI18n();
  const { me, access } = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the language
  const items = useMemo(() => menuItems(routes, access, t), [access, t, lang]);
  const selected = selectedKey(pages, pathname);
  if (!me) return null;
  const roles = [...new Set(me.roles.map((r) => r.role))];

  const onSignOut = async () => {
    await signOut().catch(() => undefined);
    // nobody is signed in now; drop everything else the last user could see
    client.setQueryData(ME_KEY, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    message.success(t('header.signedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Layout className={styles.root}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="light" className={styles.sider}>
        <div className={styles.logo}>{collapsed ? t('app.name') : t('app.title')}</div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={groupKeys(routes)}
          onClick={({ key }) => navigate(key)}
          aria-label={t('app.title')}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className={styles.header}>
          <Typography.Text strong className={styles.subdistrict} data-testid="subdistrict">
            {me.subdistrict.name}
          </Typography.Text>
          <Space size="middle" className={styles.right}>
            <Space size={4} data-testid="current-user">
              <UserOutlined />
              <span>{me.account.displayName}</span>
              {roles.map((r) => (
                <Tag key={r} color="blue" variant="filled">
                  {roleName(r)}
                </Tag>
              ))}
            </Space>
            <InboxBell />
            <LangSwitch />
            <Button icon={<LogoutOutlined />} onClick={onSignOut}>
              {t('header.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className={styles.content}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
