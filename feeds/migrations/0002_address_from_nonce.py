"""The address is the nonce and its HMAC (feeds.addresses), so it can be shown again; the
addresses made before kept only a hash and cannot be shown: those feeds are made anew."""

from django.db import migrations, models


def forget_hashed_feeds(apps, schema_editor):
    apps.get_model("feeds", "CalendarFeed").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("feeds", "0001_initial")]

    operations = [
        migrations.RunPython(forget_hashed_feeds, migrations.RunPython.noop),
        migrations.RemoveField(model_name="calendarfeed", name="secret_hash"),
        migrations.AddField(
            model_name="calendarfeed",
            name="nonce",
            field=models.CharField(default="", editable=False, max_length=32, unique=True),
            preserve_default=False,
        ),
    ]
