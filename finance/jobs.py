"""Finance's background work: every payment the user may see, as one CSV file."""

import io

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.exports import csv_writer
from jobs import registry
from organisations.validators import format_org_number

from .models import Payment

EXPORT_ALL = "finance.export_all_payments"
CHUNK = 2000


@registry.register(EXPORT_ALL, title=_("All payments as CSV"))
def export_all_payments(job, progress):
    payments = Payment.objects.visible_to(job.owner).order_by("due_date", "pk")
    total = payments.count()
    progress(0, total)
    out = io.StringIO()
    writer = csv_writer(out)  # a spreadsheet does not run what an organisation typed
    writer.writerow(
        [
            gettext("Registry number"),
            gettext("Partnership"),
            gettext("Recipient"),
            gettext("Organisation number"),
            gettext("Due date"),
            gettext("Covers from"),
            gettext("Covers to"),
            gettext("Amount (kr)"),
            gettext("Status"),
            gettext("Paid on"),
            gettext("Reference"),
        ]
    )
    rows = payments.values_list(
        "partnership__registry_number",
        "partnership__title",
        "party__organisation__name",
        "party__organisation__org_number",
        "due_date",
        "covers_from",
        "covers_to",
        "amount",
        "status",
        "paid_on",
        "pk",
    )
    for done, row in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        number, title, name, org_number, due, start, end, amount, status, paid_on, pk = row
        writer.writerow(
            [number, title, name, format_org_number(org_number), due,
             start, end, amount, status, paid_on or "", f"IOP-{pk}"]
        )  # fmt: skip
        if done % CHUNK == 0:
            progress(done, total)
    stamp = timezone.localdate().isoformat()
    progress.keep_file(
        f"alla-utbetalningar-{stamp}.csv", out.getvalue().encode("utf-8"), "text/csv"
    )
    return {"rows": total}
