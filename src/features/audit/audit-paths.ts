/** The audit log page (`paths.audit` in templates). */
export const auditPaths = {
  log: () => '/admin/audit',
} as const;
