"""Both desk roles may read imported reviews and import runs (they change none: imports do)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view_externalreview", "view_importrun"]
GROUPS = ("Editors", "Fact-checkers")


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("elsewhere")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="elsewhere", codename__in=VIEW)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="elsewhere", codename__in=VIEW)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("elsewhere", "0002_trigram_search"),
        ("claims", "0006_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
