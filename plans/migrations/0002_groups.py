"""Create the officials' groups with their permissions; never any user or password."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    "view_document",
    "change_document",
    "add_sourcefile",
    "view_sourcefile",
    "view_target",
    "add_target",
    "change_target",
    "view_indicator",
    "view_sector",
    "view_department",
    "add_department",
    "change_department",
    "view_section",
    "view_region",
    "view_repair",
    "view_targetdepartment",
    "add_targetdepartment",
    "change_targetdepartment",
    "delete_targetdepartment",
]
REVIEWER = EDITOR + [
    "publish_document",
    "review_target",
    "change_indicator",
    "add_indicator",
    "delete_target",
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("editor", EDITOR), ("reviewer", REVIEWER)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="plans", codename__in=codenames
        )
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["editor", "reviewer"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
