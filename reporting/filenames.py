"""The download names of a partnership's documents, shared by the views and the background
jobs that keep the same files."""

from partnerships.models import Partnership


def document_filename(partnership: Partnership, kind: str, *, suffix: str = ".pdf") -> str:
    """`avtal-156-139-2015.pdf`: the kind, then the registry number with anything but letters
    and digits as hyphens, so the name is safe in every file system and header."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in partnership.registry_number)
    return f"{kind}-{safe}{suffix}"
