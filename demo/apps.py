from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The seed documents' partnerships as demo data, in one place. Nothing imports it."""

    name = "demo"
    verbose_name = "Demo data"
