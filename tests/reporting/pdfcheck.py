"""Reading a PDF's accessibility and archival structure back with pypdf."""

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass
class Structure:
    tags: Counter = field(default_factory=Counter)
    figure_alts: list = field(default_factory=list)
    lang: str | None = None
    marked: bool = False
    xmp: str = ""
    fonts: dict = field(default_factory=dict)  # font name → embedded?

    @property
    def pdfa(self) -> tuple[str, str] | None:
        # As an element or an attribute, in either quotes (Ghostscript writes 'single').
        part = re.search(r"pdfaid:part(?:>|=[\"'])(\d)", self.xmp)
        conformance = re.search(r"pdfaid:conformance(?:>|=[\"'])([ABU])", self.xmp)
        return (part.group(1), conformance.group(1)) if part and conformance else None


def _walk(node, structure: Structure, depth=0):
    if depth > 200:
        return
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            _walk(child, structure, depth + 1)
        return
    if not isinstance(node, DictionaryObject):
        return
    tag = node.get("/S")
    if tag is not None:
        structure.tags[str(tag)] += 1
        if tag == "/Figure":
            structure.figure_alts.append(str(node.get("/Alt", "")))
    kids = node.get("/K")
    if kids is not None:
        _walk(kids, structure, depth + 1)


def _font_embedded(font) -> bool:
    font = font.get_object()
    descriptors = []
    if "/DescendantFonts" in font:
        for descendant in font["/DescendantFonts"]:
            descriptors.append(descendant.get_object().get("/FontDescriptor"))
    else:
        descriptors.append(font.get("/FontDescriptor"))
    files = ("/FontFile", "/FontFile2", "/FontFile3")
    return all(d is not None and any(k in d.get_object() for k in files) for d in descriptors)


def structure_of(content: bytes) -> Structure:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    structure = Structure(
        lang=str(root.get("/Lang")) if root.get("/Lang") else None,
        marked=bool(root.get("/MarkInfo", {}).get("/Marked")),
        xmp=reader.xmp_metadata.stream.get_data().decode() if reader.xmp_metadata else "",
    )
    if "/StructTreeRoot" in root:
        _walk(root["/StructTreeRoot"], structure)
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object().get("/BaseFont"))
            structure.fonts[name] = _font_embedded(font)
    return structure
