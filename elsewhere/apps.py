from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElsewhereConfig(AppConfig):
    name = "elsewhere"
    verbose_name = _("Checked elsewhere")

    def ready(self):
        from elsewhere.signals import external_reviews_changed
        from elsewhere.wording_index import index_run

        external_reviews_changed.connect(index_run, dispatch_uid="elsewhere.index_run")
