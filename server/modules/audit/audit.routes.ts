/** HTTP for the audit log: browse, export, verify. */
import { auditExportQuerySchema, auditPageSchema, auditQuerySchema, auditVerifySchema } from '../../../domain/api.ts';
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import * as audit from './audit.service.ts';

export function auditRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/audit', summary: 'Audit events of my organisation, newest first', tags: ['audit'],
      access: 'user', permission: 'audit.read', query: auditQuerySchema, response: auditPageSchema,
      handler: ({ actor, query }) => audit.listAudit(deps, actor, query),
    });
    route({
      method: 'GET', url: '/api/v1/audit/export', summary: 'Export matching audit events as CSV or JSON (oldest first)', tags: ['audit'],
      access: 'user', permission: 'audit.export', query: auditExportQuerySchema, response: null,
      handler: async ({ actor, query, reply }) => {
        const { format, ...filter } = query;
        const body = await audit.exportAudit(deps, actor, filter, format);
        const stamp = deps.clock.now().toISOString().replace(/[:.]/g, '-');
        void reply
          .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="liaison-audit-${stamp}.${format}"`)
          .send(body);
      },
    });
    route({
      method: 'GET', url: '/api/v1/audit/verify', summary: 'Recompute the hash chain and name the first bad event', tags: ['audit'],
      access: 'user', permission: 'audit.read', response: auditVerifySchema,
      handler: ({ actor }) => audit.verifyAuditAs(deps, actor),
    });
  });
}
