"""Create the desk's two roles. Nobody in either may delete a claim: public ones are kept."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    (app, f"{action}_{model}")
    for app, model in [
        ("claims", "article"),
        ("claims", "claim"),
        ("claims", "evidence"),
        ("sources", "source"),
        ("sources", "publisher"),
    ]
    for action in ("add", "change", "view")
] + [("claims", "view_verdict")]

GROUPS = {
    "Editors": EDITOR,
    "Fact-checkers": EDITOR + [("claims", "publish_claim")],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("claims", "0005_trigram_search"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
