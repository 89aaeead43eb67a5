from django.db import migrations


def load(apps, schema_editor):
    from templates_lib.library import load_system_templates

    load_system_templates(apps.get_model("templates_lib", "EmailTemplate"))


class Migration(migrations.Migration):
    dependencies = [("templates_lib", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
