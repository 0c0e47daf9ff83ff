"""Admin widgets that draw a form sent back with bad input instead of failing on it."""

from __future__ import annotations

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models


class AutocompleteSelect(widgets.AutocompleteSelect):
    """Django's autocomplete, for a posted value that is no key at all (`abc`, `1.5`, a NUL).

    Django's widget looks the posted value up to label it, and the database refuses the query
    (SQLite also refuses a whole number past 64 bits): the form would fail while showing
    "Select a valid choice". Such a value matches no row, so it is left out of the lookup and
    the field shows its error with nothing selected.
    """

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [key for key in value if self._is_key(key)], attr)

    def _is_key(self, value) -> bool:
        remote = self.field.remote_field
        target = remote.model._meta.get_field(remote.field_name)
        try:
            key = target.to_python(value)
        except ValidationError:
            return False
        if isinstance(target, models.IntegerField):
            ops = connections[self.db or DEFAULT_DB_ALIAS].ops
            low, high = ops.integer_field_range(target.get_internal_type())
            return (low is None or key >= low) and (high is None or key <= high)
        return True


class SafeAutocompleteMixin:
    """For a ModelAdmin or an inline: its `autocomplete_fields` use the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
