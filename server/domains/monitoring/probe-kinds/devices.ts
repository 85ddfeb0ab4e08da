import { damengProbe } from './dameng.ts';
import { mysqlProbe } from './mysql.ts';
import { postgresProbe } from './postgres.ts';
import { snmpProbe } from './snmp.ts';
import { sqlserverProbe } from './sqlserver.ts';

export { damengProbe, mysqlProbe, postgresProbe, snmpProbe, sqlserverProbe };
/** The SNMP templates a form offers (name, zh-CN/en label and description); defined in shared/ so the web reads the same list. */
export { SNMP_TEMPLATES, type SnmpTemplateInfo } from '../../../../shared/schemas/probe-kinds/snmp.ts';

/** The probe kinds for network devices and databases: SNMP, PostgreSQL, MySQL/MariaDB, SQL Server and 达梦. */
export const deviceProbeKinds = [snmpProbe, postgresProbe, mysqlProbe, sqlserverProbe, damengProbe] as const;
