from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "yrdcollab.platform.audit"
    label = "audit"
    verbose_name = _("审计")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .chain import register_sqlite_chain_hash
        from .guard import ensure_guard_after_migrate

        post_migrate.connect(ensure_guard_after_migrate, sender=self, dispatch_uid="audit_append_only_guard")
        # SQLite computes the chain hash of an append in its INSERT, as PostgreSQL does (services.py).
        connection_created.connect(register_sqlite_chain_hash, dispatch_uid="audit_sqlite_chain_hash")
