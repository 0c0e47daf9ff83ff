from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElsewhereConfig(AppConfig):
    name = "elsewhere"
    verbose_name = _("Checked elsewhere")

    def ready(self):
        from django.db.models.signals import post_delete

        from elsewhere.models import ExternalReview
        from elsewhere.signals import external_reviews_changed
        from elsewhere.wording_index import forget, index_run

        external_reviews_changed.connect(index_run, dispatch_uid="elsewhere.index_run")
        post_delete.connect(forget, sender=ExternalReview, dispatch_uid="elsewhere.forget")
