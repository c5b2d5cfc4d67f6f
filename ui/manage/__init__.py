"""Manager and owner views: reports, the audit log, studio AI settings, staff accounts."""
