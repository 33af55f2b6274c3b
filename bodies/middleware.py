from .selectors import body_settings_scope


class BodySettingsCacheMiddleware:
    """One answer per body and request (see `bodies.selectors`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with body_settings_scope():
            return self.get_response(request)
