/** HTTP for instance operations (operator only). */
import type { Deps } from '../../deps.ts';
import { defineRoutes } from '../../http/route.ts';
import { backupDatabase } from './backup.service.ts';

export function systemRoutes(deps: Deps) {
  return defineRoutes((route) => {
    route({
      method: 'GET', url: '/api/v1/system/backup', summary: 'Backup of the embedded database, gzipped tarball (instance operator only)', tags: ['system'],
      access: 'user', response: null,
      handler: async ({ actor, reply }) => {
        const archive = await backupDatabase(deps, actor);
        void reply.header('content-type', 'application/gzip').header('content-disposition', 'attachment; filename="liaison-backup.tar.gz"').send(archive);
      },
    });
  });
}
