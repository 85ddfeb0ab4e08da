import dgram from 'node:dgram';
import { once } from 'node:events';
import * as snmp from 'net-snmp';

/** Credentials the test agent accepts. */
export const AGENT_COMMUNITY = 'ward7-public';
/** The agent's one SNMPv3 user: authPriv with SHA and AES. */
export const AGENT_V3_USER = { name: 'monitor', authKey: 'auth-Key-2024', privKey: 'priv-Key-2024' } as const;
/** Vendor sensor OIDs under a private enterprise number: temperature in tenths of °C (integer), humidity as text. */
export const SENSOR_TEMPERATURE_OID = '1.3.6.1.4.1.99999.1.1.0';
/** A second user, authNoPriv with SHA-256 and the same auth key. */
export const AGENT_V3_SHA256_USER = 'monitor256';
/** Humidity in %RH, reported as text the way some sensor cards do. */
export const SENSOR_HUMIDITY_OID = '1.3.6.1.4.1.99999.1.2.0';

/** A running net-snmp agent on 127.0.0.1 and the handles the tests use to change what it reports. */
export interface TestAgent {
  port: number;
  mib: {
    setScalarValue(name: string, value: unknown): void;
    setTableSingleCell(table: string, column: number, rowIndex: unknown[], value: unknown): void;
  };
  close(): Promise<void>;
}

const { Integer, OctetString, Counter, Counter64 } = snmp.ObjectType;
const readOnly = snmp.MaxAccess['read-only'];
const notAccessible = snmp.MaxAccess['not-accessible'];

function column(number: number, name: string, type: snmp.ObjectType, maxAccess: snmp.MaxAccess = readOnly) {
  return { number, name, type, maxAccess };
}

function scalar(name: string, oid: string, scalarType: snmp.ObjectType) {
  return { name, type: snmp.MibProviderType.Scalar, oid, scalarType, maxAccess: readOnly };
}

function counter64(value: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return bytes;
}

// Switch: 1 lo up/up, 2 Gi0/2 admin-up but down, 3 Gi0/3 admin-down and down (intended), 4 Gi0/4 up/up.
function addInterfaces(mib: any): void {
  mib.registerProvider({
    name: 'ifTable',
    type: snmp.MibProviderType.Table,
    oid: '1.3.6.1.2.1.2.2.1',
    maxAccess: notAccessible,
    tableColumns: [
      column(1, 'ifIndex', Integer),
      column(2, 'ifDescr', OctetString),
      column(7, 'ifAdminStatus', Integer),
      column(8, 'ifOperStatus', Integer),
      column(14, 'ifInErrors', Counter),
      column(20, 'ifOutErrors', Counter),
    ],
    tableIndex: [{ columnName: 'ifIndex' }],
  });
  mib.registerProvider({
    name: 'ifXTable',
    type: snmp.MibProviderType.Table,
    oid: '1.3.6.1.2.1.31.1.1.1',
    maxAccess: notAccessible,
    tableColumns: [column(6, 'ifHCInOctets', Counter64), column(10, 'ifHCOutOctets', Counter64)],
    tableAugments: 'ifTable',
  });
  const rows: [number, string, number, number, number, number, bigint][] = [
    [1, 'lo', 1, 1, 0, 0, 1_000n],
    [2, 'Gi0/2', 1, 2, 17, 3, 2n ** 40n],
    [3, 'Gi0/3', 2, 2, 0, 0, 0n],
    [4, 'Gi0/4', 1, 1, 5, 0, 123_456_789_012n],
  ];
  for (const [index, descr, admin, oper, inErrors, outErrors, octets] of rows) {
    mib.addTableRow('ifTable', [index, descr, admin, oper, inErrors, outErrors]);
    mib.addTableRow('ifXTable', [index, counter64(octets), counter64(octets / 2n)]);
  }
}

function addUps(mib: any): void {
  mib.registerProviders([
    scalar('upsBatteryStatus', '1.3.6.1.2.1.33.1.2.1', Integer),
    scalar('upsEstimatedMinutesRemaining', '1.3.6.1.2.1.33.1.2.3', Integer),
    scalar('upsEstimatedChargeRemaining', '1.3.6.1.2.1.33.1.2.4', Integer),
    scalar('upsOutputSource', '1.3.6.1.2.1.33.1.4.1', Integer),
  ]);
  mib.registerProvider({
    name: 'upsInputTable',
    type: snmp.MibProviderType.Table,
    oid: '1.3.6.1.2.1.33.1.3.3.1',
    maxAccess: notAccessible,
    tableColumns: [column(1, 'upsInputLineIndex', Integer, notAccessible), column(3, 'upsInputVoltage', Integer)],
    tableIndex: [{ columnName: 'upsInputLineIndex' }],
  });
  mib.addTableRow('upsInputTable', [1, 229]);
}

// Printer: device 1 with supplies 1.1 black 80/100, 1.2 cyan 5/100, 1.3 waste box with RFC 3805 markers only.
function addPrinter(mib: any): void {
  mib.registerProvider({
    name: 'hrDeviceTable',
    type: snmp.MibProviderType.Table,
    oid: '1.3.6.1.2.1.25.3.2.1',
    maxAccess: notAccessible,
    tableColumns: [column(1, 'hrDeviceIndex', Integer), column(3, 'hrDeviceDescr', OctetString)],
    tableIndex: [{ columnName: 'hrDeviceIndex' }],
  });
  mib.addTableRow('hrDeviceTable', [1, 'Ward printer']);
  mib.registerProvider({
    name: 'hrPrinterTable',
    type: snmp.MibProviderType.Table,
    oid: '1.3.6.1.2.1.25.3.5.1',
    maxAccess: notAccessible,
    tableColumns: [column(1, 'hrPrinterStatus', Integer)],
    tableIndex: [{ columnName: 'hrDeviceIndex', foreign: 'hrDeviceTable' }],
  });
  mib.addTableRow('hrPrinterTable', [1, 3]);
  mib.registerProvider({
    name: 'prtMarkerSuppliesTable',
    type: snmp.MibProviderType.Table,
    oid: '1.3.6.1.2.1.43.11.1.1',
    maxAccess: notAccessible,
    tableColumns: [
      column(1, 'prtMarkerSuppliesIndex', Integer, notAccessible),
      column(6, 'prtMarkerSuppliesDescription', OctetString),
      column(8, 'prtMarkerSuppliesMaxCapacity', Integer),
      column(9, 'prtMarkerSuppliesLevel', Integer),
    ],
    tableIndex: [{ columnName: 'hrDeviceIndex', foreign: 'hrDeviceTable' }, { columnName: 'prtMarkerSuppliesIndex' }],
  });
  mib.addTableRow('prtMarkerSuppliesTable', [1, 1, 'Black Toner', 100, 80]);
  mib.addTableRow('prtMarkerSuppliesTable', [1, 2, 'Cyan Toner\u0000', 100, 5]);
  mib.addTableRow('prtMarkerSuppliesTable', [1, 3, 'Waste Toner Box', -2, -3]);
}

function addSensors(mib: any): void {
  mib.registerProviders([
    scalar('sensorTemperature', SENSOR_TEMPERATURE_OID.replace(/\.0$/, ''), Integer),
    scalar('sensorHumidity', SENSOR_HUMIDITY_OID.replace(/\.0$/, ''), OctetString),
  ]);
  mib.setScalarValue('sensorTemperature', 235);
  mib.setScalarValue('sensorHumidity', '48.5');
}

/**
 * Starts net-snmp's own agent on a port the OS picks. net-snmp treats port 0 as "use 161", so the agent gets a
 * dgram module whose sockets ignore the port they are asked for and bind to 0.
 */
export async function startTestAgent(): Promise<TestAgent> {
  const sockets: dgram.Socket[] = [];
  const dgramModule = {
    createSocket(type: dgram.SocketType) {
      const socket = dgram.createSocket(type);
      const bind = socket.bind.bind(socket) as (port: number, address?: string) => dgram.Socket;
      (socket as unknown as { bind: (port: number, address?: string) => dgram.Socket }).bind = (_port, address) => bind(0, address);
      sockets.push(socket);
      return socket;
    },
  };
  const agent = snmp.createAgent({ address: '127.0.0.1', port: 16_100, dgramModule, disableAuthorization: false }, () => undefined);
  const authorizer = agent.getAuthorizer();
  authorizer.addCommunity(AGENT_COMMUNITY);
  authorizer.addUser({
    name: AGENT_V3_USER.name,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: AGENT_V3_USER.authKey,
    privProtocol: snmp.PrivProtocols.aes,
    privKey: AGENT_V3_USER.privKey,
  });
  authorizer.addUser({
    name: AGENT_V3_SHA256_USER,
    level: snmp.SecurityLevel.authNoPriv,
    authProtocol: snmp.AuthProtocols.sha256,
    authKey: AGENT_V3_USER.authKey,
  });
  const mib = agent.getMib();
  addInterfaces(mib);
  addUps(mib);
  addPrinter(mib);
  addSensors(mib);
  const socket = sockets[0];
  if (!socket) throw new Error('the agent opened no socket');
  await once(socket, 'listening');
  return {
    port: socket.address().port,
    mib,
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  };
}
