import { Foundation1795400000000 } from './1795400000000-Foundation.js';
import { AuditLog1795400100000 } from './1795400100000-AuditLog.js';
import { ApiKeys1795400200000 } from './1795400200000-ApiKeys.js';

/** Every migration, in order. Listed explicitly so the build needs no glob loading at run time. */
export const MIGRATIONS = [Foundation1795400000000, AuditLog1795400100000, ApiKeys1795400200000];
