"""Demo data for the clause library: where a seed agreement words a clause its own way, the
partnership keeps that wording (its own text in place of the body's standard text). Loaded
before the agreements are signed (a signed agreement changes only through an amendment).
Idempotent: a partnership that already has the text is left alone."""

from django.contrib.auth import get_user_model

from demo.seed_data import REGISTRY_NUMBERS
from partnerships.models import Partnership
from reporting.clauses import ClauseKey
from reporting.services.clauses import partnership_clause_save

OWN_TEXTS = {
    # Seed 001 §3.2: the fee is per child, in the support groups and weekends.
    "bris": {
        ClauseKey.OTHER_INCOME: (
            "Barn från andra kommuner kan erbjudas plats i stödgrupperna och stödhelgerna i mån "
            "av plats. En ersättning tas då ut från ansvarig kommun om {fee} per deltagande "
            "barn. Ersättningen är utöver Bris ersättning i partnerskapet, ersättningen ska "
            "redovisas och återinvesteras i partnerskapet."
        ),
    },
    # Seed 002 §1.9: questions on how many are in the city go to the administration.
    "eu": {
        ClauseKey.INFORMATION: (
            "Vid eventuella politiska uttalanden ska det tydligt framgå att det är den enskilda "
            "organisationen som uttalar sig.\n\n"
            "Frågor om antal personer i målgruppen som för tillfället vistas i staden hänvisas "
            "till {public_party}."
        ),
    },
}


def load(*, stdout=None) -> None:
    administrator = get_user_model().objects.filter(username="administrator").first()
    saved = 0
    for key, texts in OWN_TEXTS.items():
        partnership = Partnership.objects.filter(registry_number=REGISTRY_NUMBERS[key]).first()
        if partnership is None or administrator is None:
            continue
        for clause, text in texts.items():
            if partnership.clause_overrides.filter(key=clause, text=text).exists():
                continue
            if partnership.agreement_versions.exists():
                continue  # prepared or signed already: only an amendment changes it now
            partnership_clause_save(
                partnership=partnership, key=clause, text=text, user=administrator
            )
            saved += 1
    if stdout is not None:
        stdout.write(f"Clauses: {saved} partnership text(s) as in the seed agreements.")
