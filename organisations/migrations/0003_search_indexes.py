from django.db import migrations

from common.search_indexes import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_organisation_organisation_name_idx")]

    operations = [
        TrigramIndex(model_name="organisation", column="name", name="organisation_name_trgm"),
        TrigramIndex(
            model_name="organisation",
            column="org_number",
            name="organisation_org_number_trgm",
            upper=False,
        ),
    ]
