from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The shared kernel: money, forms, uploads and formatting. It imports no app of ours."""

    name = "common"
    verbose_name = "Common"
