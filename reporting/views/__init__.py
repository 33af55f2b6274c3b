"""Document pages: the decision memo, the agreement and its versions, signing, history,
the yearly summary. Every lookup starts from `Partnership.objects.visible_to(user)`."""

from .documents import (
    agreement_html,
    agreement_pdf,
    appendix_pdf,
    history,
    memo_edit,
    memo_freeze,
    memo_pdf,
    overview,
    summary_pdf,
)
from .opendata import open_data_csv, open_data_index, open_data_json, open_data_page
from .signing import (
    amendment_start,
    paper_agreement,
    signature_create,
    signed_copy_create,
    signed_copy_download,
    signed_copy_reverify,
    version_create,
    version_detail,
    version_pdf,
    version_prepare,
)

__all__ = [
    "overview",
    "agreement_pdf",
    "agreement_html",
    "appendix_pdf",
    "memo_edit",
    "memo_pdf",
    "memo_freeze",
    "history",
    "summary_pdf",
    "version_create",
    "amendment_start",
    "paper_agreement",
    "version_prepare",
    "version_detail",
    "version_pdf",
    "signature_create",
    "signed_copy_create",
    "signed_copy_download",
    "signed_copy_reverify",
    "open_data_index",
    "open_data_page",
    "open_data_json",
    "open_data_csv",
]
