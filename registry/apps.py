from django.contrib.admin.apps import AdminConfig


class RegistryAdminConfig(AdminConfig):
    default_site = "registry.admin_site.RegistryAdminSite"

    def ready(self):
        super().ready()
        # The project's own system checks; this is the one app config the project has.
        from registry import checks  # noqa: F401
