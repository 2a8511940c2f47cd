import { Foundation1795400000000 } from './1795400000000-Foundation.js';
import { AuditLog1795400100000 } from './1795400100000-AuditLog.js';
import { ApiKeys1795400200000 } from './1795400200000-ApiKeys.js';
import { AuditSubject1795400300000 } from './1795400300000-AuditSubject.js';
import { AuditPurgeCutoff1795400310000 } from './1795400310000-AuditPurgeCutoff.js';
import { ServingRole1795400400000 } from './1795400400000-ServingRole.js';
import { AuditChains1795400500000 } from './1795400500000-AuditChains.js';
import { Workspaces1795400600000 } from './1795400600000-Workspaces.js';
import { AccountSecurity1795400700000 } from './1795400700000-AccountSecurity.js';
import { TwoFactor1795400800000 } from './1795400800000-TwoFactor.js';
import { WorkspaceResources1795400900000 } from './1795400900000-WorkspaceResources.js';
import { OAuthApps1795401000000 } from './1795401000000-OAuthApps.js';
import { OAuthServer1795401100000 } from './1795401100000-OAuthServer.js';
import { KeyQuotas1795401200000 } from './1795401200000-KeyQuotas.js';
import { KeyPolicy1795401300000 } from './1795401300000-KeyPolicy.js';
import { AuditPartitions1795401400000 } from './1795401400000-AuditPartitions.js';
import { AuditDigests1795401500000 } from './1795401500000-AuditDigests.js';

/** Every migration, in order. Listed explicitly so the build needs no glob loading at run time. */
export const MIGRATIONS = [
  Foundation1795400000000,
  AuditLog1795400100000,
  ApiKeys1795400200000,
  AuditSubject1795400300000,
  AuditPurgeCutoff1795400310000,
  ServingRole1795400400000,
  AuditChains1795400500000,
  Workspaces1795400600000,
  AccountSecurity1795400700000,
  TwoFactor1795400800000,
  WorkspaceResources1795400900000,
  OAuthApps1795401000000,
  OAuthServer1795401100000,
  KeyQuotas1795401200000,
  KeyPolicy1795401300000,
  AuditPartitions1795401400000,
  AuditDigests1795401500000,
];
