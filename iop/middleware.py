from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import render
from django.utils import translation


class LanguageMiddleware:
    """Swedish unless the user chose another language (the set_language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and a Swedish
    administration's interface should not turn English because a browser is set up so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _has_control_character(text: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in text)


class RequestLimitsMiddleware:
    """Refuse, before any view or form reads it, a request the app cannot answer sensibly:

    - a path with a NUL byte or another control character: 404 (no such page);
    - a query with a NUL byte in a name or value: 400 (PostgreSQL refuses NUL in text, and the
      query would otherwise end as a 500);
    - a body larger than the largest upload (`IOP_MAX_UPLOAD_BYTES`, plus room for the form's
      other fields), by its Content-Length and before it is read: 413 with a Swedish page.
    """

    # Room for the form's other fields and the multipart boundaries around the largest file.
    FORM_OVERHEAD_BYTES = 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_control_character(request.path):
            raise Http404
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL byte in the query string")
        if self._content_length(request) > self.limit():
            return render(
                request,
                "413.html",
                {"limit": settings.IOP_MAX_UPLOAD_BYTES},
                status=413,
            )
        return self.get_response(request)

    def limit(self) -> int:
        return settings.IOP_MAX_UPLOAD_BYTES + self.FORM_OVERHEAD_BYTES

    @staticmethod
    def _content_length(request) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0
