"""The one way this app turns a Django template into a PDF: PDF/A-2a (archival and tagged for
screen readers: a structure tree of headings, lists and tables, /Lang, alternative text), A4,
fonts embedded.

WeasyPrint is imported inside the functions: it loads native libraries, and pages that never
render a PDF should not pay for them (ruff's banned module-level imports enforce this).
"""

import datetime
import hashlib
import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

# WeasyPrint logs every layout step at INFO; the app's logs need only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_LOGO = "reporting/logo.svg"
PDF_VARIANT = "pdf/a-2a"
INLINE_IMAGE_PREFIXES = ("data:image/png;base64,", "data:image/jpeg;base64,")


class ExternalResourceRefused(Exception):
    """Raised by the URL fetcher for anything that is not a file inside the app."""


def allowed_roots() -> list[Path]:
    roots = [STATIC_DIR, Path(settings.BASE_DIR) / "static"]
    return [root.resolve() for root in roots]


def logo_path() -> Path | None:
    """The installation's logo for the first page (a body may have its own, see
    bodies.selectors): the setting IOP_PDF_LOGO (a static path such as
    "reporting/logo.svg" or an absolute file path inside the project), else the shipped one."""
    configured = getattr(settings, "IOP_PDF_LOGO", "") or DEFAULT_LOGO
    candidate = Path(configured)
    if not candidate.is_absolute():
        found = finders.find(configured)
        candidate = Path(found) if found else STATIC_DIR / configured
    candidate = candidate.resolve()
    if candidate.is_file() and _is_inside_allowed(candidate):
        return candidate
    return None


def _is_inside_allowed(path: Path) -> bool:
    return any(path.is_relative_to(root) for root in allowed_roots())


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Fetches file:// URLs inside the app's static folders; refuses everything else."""

        def fetch(self, url, headers=None):
            # A body's own logo comes inline (read from the storage by bodies.selectors).
            if url.startswith(INLINE_IMAGE_PREFIXES):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ExternalResourceRefused(f"Refused to fetch {url!r}: not a local file")
            path = Path(unquote(parsed.path)).resolve()
            if not _is_inside_allowed(path):
                raise ExternalResourceRefused(f"Refused to fetch {url!r}: outside the app")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def pdf_context(
    *, title: str, author: str, lang: str = "sv", created=None, logo_url: str = ""
) -> dict:
    """What every PDF template gets besides its own data: metadata and the logo (`logo_url`,
    the body's own as a data: URI, else the installation's)."""
    created = created or timezone.now()
    if isinstance(created, datetime.datetime):
        created = timezone.localtime(created).replace(microsecond=0)
    logo = None if logo_url else logo_path()
    return {
        "pdf_title": title,
        "pdf_author": author,
        "pdf_lang": lang,
        "pdf_created": created.isoformat() if created else "",
        "pdf_logo_url": logo_url or (logo.as_uri() if logo else ""),
        # Alternative text for screen readers: whose logo it is.
        "pdf_logo_alt": f"Logotyp för {author}",
        "pdf_static_url": STATIC_DIR.as_uri() + "/",
    }


def render_html(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    lang="sv",
    created=None,
    logo_url: str = "",
) -> str:
    full = {
        **context,
        **pdf_context(title=title, author=author, lang=lang, created=created, logo_url=logo_url),
    }
    return render_to_string(template_name, full)


def render_to_pdf(
    template_name: str,
    context: dict,
    *,
    title: str,
    author: str,
    lang: str = "sv",
    created: datetime.datetime | None = None,
    logo_url: str = "",
) -> bytes:
    """Render `template_name` with `context` to tagged PDF/A-2a bytes.

    Pass `created` (for example a version's frozen_at) to make the output reproducible: the
    metadata dates and the PDF identifier then depend only on the content.
    """
    from weasyprint import HTML

    html = render_html(
        template_name,
        context,
        title=title,
        author=author,
        lang=lang,
        created=created,
        logo_url=logo_url,
    )
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    document = HTML(
        string=html,
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=_fetcher_class()(),
    )
    return document.write_pdf(
        # "a" (accessible): tagged, with the structure of the HTML and Unicode text.
        pdf_variant=PDF_VARIANT,
        pdf_identifier=identifier,
        uncompressed_pdf=False,
    )
