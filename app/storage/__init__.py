"""Storage: what the use cases stand on — the SQLite engine and sessions (db), the schema's
upgrades (migrate, schema_check), the audit log's hooks (audit), one program per database
(instance_lock), and the copies that keep data safe (backup, backup_meta, backup_rotation,
restore, integrity). Nothing here imports app.services, app.export, app.importing or app.ui.
"""
