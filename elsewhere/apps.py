from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElsewhereConfig(AppConfig):
    name = "elsewhere"
    verbose_name = _("Checked elsewhere")
