"""django-simple-history's admin pages, whose "Revert" writes only what a change page could.

simple-history saves a posted history-record form for anyone who may *view* the history, and
outside any transaction. Here a revert needs the change permission and the model's own
consent (a public claim changes only on the record), runs in one transaction, and a refusal
comes back as a message on the page, with nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_widgets import SafeAutocompleteMixin

NO_CHANGE_PERMISSION = _("You may not change this record, so you cannot revert it.")
DELETED = _("This record was deleted: add it again instead of reverting it.")


class HistoryAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    """A model's admin with its history pages and a guarded revert.

    simple-history saves a revert through `save_model` alone; while it does,
    `request.reverting_history` is set, for an admin that otherwise saves a change in
    `save_related` (the claim's, with its evidence rows).
    """

    # Errors the model's own rules raise on a save, shown as the revert's refusal.
    revert_refusals: tuple[type[Exception], ...] = ()

    def revert_refusal(self, request, obj) -> str | None:
        """Why `obj`, as it is stored now, cannot be reverted; None when it can."""
        if not self.has_change_history_permission(request, obj):
            return str(NO_CHANGE_PERMISSION)
        return None

    def revert_messages(self, error: Exception) -> list[str]:
        return [str(error)]

    def _stored(self, object_id):
        return self.model._default_manager.filter(pk=object_id).first()

    def _check_ids(self, object_id, version_id=None) -> None:
        """A 404 for ids that are not keys at all (`abc`, `1.5`), which simple-history would
        hand to the database and fail on."""
        history = self.model._meta.simple_history_manager_attribute
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            if version_id is not None:
                getattr(self.model, history).model._meta.pk.to_python(version_id)
        except ValidationError as error:
            raise Http404 from error

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def revert_disabled(self, request, obj=None):
        # simple-history passes the historical copy on the record's page: ask about the row.
        if super().revert_disabled(request, obj):
            return True
        stored = self._stored(obj.pk) if obj is not None else None
        return stored is None or self.revert_refusal(request, stored) is not None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        stored = self._stored(unquote(object_id))
        if stored is None:
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
            key = {self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}
            if not history.filter(**key).exists():
                raise Http404
            return self._refused(request, [str(DELETED)])
        refusal = self.revert_refusal(request, stored)
        if refusal is not None:
            return self._refused(request, [refusal])
        request.reverting_history = True
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except self.revert_refusals as error:
            return self._refused(request, self.revert_messages(error))

    def _refused(self, request, reasons: list[str]) -> HttpResponseRedirect:
        for reason in reasons:
            self.message_user(request, reason, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())
