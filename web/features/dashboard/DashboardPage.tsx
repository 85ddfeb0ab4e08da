import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NAV_ITEMS } from '../../app/nav.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { roleLabel } from '../roles/role-label.ts';
import { CoverageCard } from './CoverageCard.tsx';

/** 工作台: who am I, what may I do, what needs attention, where to go. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const modules = NAV_ITEMS.filter((item) => item.key !== 'dashboard' && item.permission && can(me, item.permission));
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.welcome', { name: me.displayName })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.whoAmI')} data-testid="card-who">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('users.fields.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('users.fields.displayName')}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.duty')}>
                {me.adminClass ? <Tag color="blue">{t(`adminClass.${me.adminClass}`)}</Tag> : t('adminClass.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.mfa')}>
                {me.totpEnabled ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.passwordExpires')}>{formatDateTime(me.passwordExpiresAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.sessionExpires')}>{formatDateTime(me.sessionExpiresAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.myGrants')} data-testid="card-grants">
            {me.grants.length === 0 ? (
              <EmptyState description={t('dashboard.noGrants')} />
            ) : (
              <Descriptions column={1} size="small">
                {me.grants.map((g) => (
                  <Descriptions.Item key={g.id} label={roleLabel(t, { key: g.roleKey, name: g.roleName })}>
                    {g.orgName}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
        </Col>
        {can(me, 'calendar.read') && (
          <Col xs={24} lg={12}>
            <CoverageCard />
          </Col>
        )}
        <Col xs={24} lg={can(me, 'calendar.read') ? 12 : 24}>
          <Card title={t('dashboard.modules')}>
            {modules.length === 0 ? (
              <EmptyState description={t('dashboard.noModules')} />
            ) : (
              <Row gutter={[12, 12]}>
                {modules.map((item) => (
                  <Col key={item.key} xs={12} md={8}>
                    <Link to={item.path}>
                      <Card size="small" hoverable>
                        <Typography.Text>
                          {item.icon} {t(`nav.${item.key}`)}
                        </Typography.Text>
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
