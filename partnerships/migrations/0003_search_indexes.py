from django.db import migrations

from common.search_indexes import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_partnership_partnership_start_idx_and_more")]

    operations = [
        TrigramIndex(model_name="partnership", column="title", name="partnership_title_trgm"),
        TrigramIndex(
            model_name="partnership", column="registry_number", name="partnership_dnr_trgm"
        ),
    ]
