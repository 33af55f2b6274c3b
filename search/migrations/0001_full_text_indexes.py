from django.db import migrations

from common.search_indexes import FullTextIndex

# The columns as search.text.TEXT_FIELDS names them when this was written: an index whose
# expression differs from the query's is simply not used, so change both together.
INDEXES = {
    ("partnerships", "partnership"): (
        "title",
        "registry_number",
        "purpose",
        "goal",
        "target_group",
        "activities",
        "background",
    ),
    ("partnerships", "appendix"): ("number", "title", "commitments"),
    ("governance", "meeting"): ("agenda", "minutes"),
    ("reporting", "decisionmemo"): (
        "title",
        "registry_number",
        "summary",
        "background",
        "preparation",
        "matter",
        "proposed_decision",
        "administration_view",
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_search_indexes"),
        ("governance", "0003_clause_terms"),
        ("reporting", "0003_electronic_signatures"),
    ]

    operations = [
        FullTextIndex(
            app_label=app_label,
            model_name=model_name,
            fields=fields,
            name=f"{model_name}_fulltext",
            config="swedish",
        )
        for (app_label, model_name), fields in INDEXES.items()
    ]
