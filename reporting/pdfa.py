"""PDF/A for the archive: whether an uploaded PDF already is PDF/A, and an archival rendition
(PDF/A-2b) made with Ghostscript when it is not.

Only reads and converts bytes; keeping the result with the signed copy is
reporting.services.renditions'. The original is never rewritten: a PAdES signature covers its
exact bytes, and the upload is the evidence.

Ghostscript is Debian's `ghostscript` package (`IOP_GHOSTSCRIPT`, default `gs` on PATH); the
output intent is its sRGB profile (`IOP_PDFA_ICC_PROFILE`). Without them nothing is converted
and the caller says so (`ghostscript_missing()`)."""

import io
import logging
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .constants import ArchivalError

logger = logging.getLogger(__name__)

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
# The conformance levels each part of ISO 19005 defines (PDF/A-4 has none, or E/F).
CONFORMANCE = {"1": {"A", "B"}, "2": {"A", "B", "U"}, "3": {"A", "B", "U"}, "4": {"", "E", "F"}}
DEF_FILE = Path(__file__).with_name("pdfa_def.ps")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# What Ghostscript says when it read no page of the input (it still writes one blank page).
UNREAD_MARKERS = ("No pages will be processed", "Couldn't initialise file")


class RenditionError(Exception):
    """Ghostscript could not make a PDF/A of the file: `code` is an ArchivalError value,
    `detail` Ghostscript's own words (for the technical record)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class PdfaCheck:
    """`conformance` is what the file claims ("PDF/A-2B"), empty when it claims nothing;
    `is_pdfa` is whether the claim holds as far as can be read here (`problem` says why not)."""

    is_pdfa: bool
    conformance: str = ""
    problem: str = ""
    pages: int = 0
    output_intent: bool = False


def _xmp_claim(reader) -> tuple[str, str] | None:
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is None:
        return None
    try:
        root = etree.fromstring(
            metadata.get_object().get_data(),
            etree.XMLParser(resolve_entities=False, no_network=True, recover=True),
        )
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    values = {}
    for name in ("part", "conformance"):
        tag = f"{{{PDFAID}}}{name}"
        for element in root.iter():
            # Written as an attribute of rdf:Description or as an element of its own.
            if element.get(tag) is not None:
                values[name] = element.get(tag).strip()
            elif element.tag == tag and element.text:
                values[name] = element.text.strip()
    if "part" not in values:
        return None
    return values["part"], values.get("conformance", "").upper()


def _fonts_embedded(reader) -> bool:
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for font in (fonts.get_object() if fonts else {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type3":
                continue  # drawn by the file itself
            descriptors = (
                [d.get_object().get("/FontDescriptor") for d in font["/DescendantFonts"]]
                if "/DescendantFonts" in font
                else [font.get("/FontDescriptor")]
            )
            for descriptor in descriptors:
                if descriptor is None or not any(k in descriptor.get_object() for k in FONT_FILES):
                    return False
    return True


def _output_intent(reader) -> bool:
    intents = reader.trailer["/Root"].get("/OutputIntents")
    return any(
        intent.get_object().get("/S") == "/GTS_PDFA1"
        and intent.get_object().get("/DestOutputProfile") is not None
        for intent in (intents.get_object() if intents else [])
    )


def pdfa_check(data: bytes) -> PdfaCheck:
    """Whether `data` is PDF/A already: its XMP metadata names a part of ISO 19005 and a
    conformance level that part has, it is not encrypted and its fonts are embedded. (A full
    validation is veraPDF's job; this is what the archive relies on to keep a file as it is.)"""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return PdfaCheck(False, problem="encrypted")
        pages, intent = len(reader.pages), _output_intent(reader)
        claim = _xmp_claim(reader)
        if claim is None:
            return PdfaCheck(False, pages=pages, output_intent=intent)
        part, conformance = claim
        label = f"PDF/A-{part}{conformance}"
        if conformance not in CONFORMANCE.get(part, set()):
            return PdfaCheck(False, label, "inconsistent claim", pages, intent)
        if not _fonts_embedded(reader):
            return PdfaCheck(False, label, "fonts not embedded", pages, intent)
        return PdfaCheck(True, label, "", pages, intent)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return PdfaCheck(False, problem=f"unreadable: {exc}"[:500])


def _ghostscript() -> str | None:
    command = getattr(settings, "IOP_GHOSTSCRIPT", "gs")
    return shutil.which(command)


def _icc_profile() -> Path:
    return Path(
        getattr(settings, "IOP_PDFA_ICC_PROFILE", "/usr/share/color/icc/ghostscript/srgb.icc")
    )


def ghostscript_missing() -> str:
    """Why no rendition can be made here, or "" when Ghostscript and its profile are there."""
    if _ghostscript() is None:
        return "ghostscript"
    if not _icc_profile().is_file():
        return "icc_profile"
    return ""


def ghostscript_version() -> str:
    gs = _ghostscript()
    if gs is None:
        return ""
    done = subprocess.run([gs, "--version"], capture_output=True, text=True, timeout=30)
    return f"GPL Ghostscript {done.stdout.strip()}"


def pdfa_rendition(data: bytes) -> bytes:
    """A PDF/A-2b of `data` (sRGB output intent, fonts embedded), checked before it is returned.
    Raises RenditionError when Ghostscript fails or its output is not PDF/A."""
    gs, profile = _ghostscript(), _icc_profile()
    if ghostscript_missing():
        raise RenditionError(ArchivalError.NO_GHOSTSCRIPT, ghostscript_missing())
    timeout = getattr(settings, "IOP_PDFA_TIMEOUT_SECONDS", 300)
    with tempfile.TemporaryDirectory(prefix="iop-pdfa-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(data)
        command = [
            gs,
            "-dSAFER",  # the upload is untrusted: no file access beyond what is granted
            "-dBATCH",
            "-dNOPAUSE",
            "-dQUIET",
            "-sDEVICE=pdfwrite",
            "-dPDFA=2",
            # What PDF/A forbids (signature fields, JavaScript, transparency groups it
            # cannot keep) is left out rather than failing the whole file.
            "-dPDFACompatibilityPolicy=1",
            "-sColorConversionStrategy=RGB",
            f"-sIOP_ICC_PROFILE={profile}",
            f"--permit-file-read={profile}",
            f"-sOutputFile={target}",
            str(DEF_FILE),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                cwd=folder,
                env={"PATH": os.environ.get("PATH", ""), "LANG": "C"},
            )
        except subprocess.TimeoutExpired as exc:
            raise RenditionError(ArchivalError.TIMEOUT, f"more than {timeout} s") from exc
        said = (done.stderr + done.stdout).decode("utf-8", "replace").strip()[-2000:]
        if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            raise RenditionError(ArchivalError.CONVERSION_FAILED, said)
        rendition = target.read_bytes()
    check = pdfa_check(rendition)
    if not check.is_pdfa or check.conformance != "PDF/A-2B" or not check.output_intent:
        raise RenditionError(
            ArchivalError.NOT_PDFA, f"{check.conformance} {check.problem} {said}".strip()
        )
    # Ghostscript answers 0 with an empty document for a file it cannot read at all; and a
    # rendition must show every page of the original.
    source_pages = pdfa_check(data).pages
    read_nothing = any(marker in said for marker in UNREAD_MARKERS)
    if read_nothing or check.pages == 0 or (source_pages and check.pages != source_pages):
        raise RenditionError(
            ArchivalError.CONVERSION_FAILED,
            f"{check.pages} pages made of {source_pages or '?'}. {said}".strip(),
        )
    if said:
        logger.info("Ghostscript said while converting to PDF/A: %s", said)
    return rendition
