"""Every admin form, with a choice of related row that is no key at all, comes back as a form
error: for each foreign-key field (autocomplete, raw id or select) of each registered model's
add, change and history-record page, and of their inline rows."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import admin

from tests.security.matrix_admin import _object

pytestmark = pytest.mark.django_db

BAD_KEYS = ["abc", "1.5", "\x00", "99999999999999999999999", "-1"]


def _models() -> list[str]:
    return sorted(_name(m) for m in admin.site._registry)


def _admin(model: str):
    return next(a for m, a in admin.site._registry.items() if _name(m) == model)


def _name(model) -> str:
    return f"{model._meta.app_label}/{model._meta.model_name}"


def _pages(model: str, world) -> list[str]:
    base = f"/admin/{model}/"
    pages = [f"{base}add/"]
    pk = _object(model)(world)
    pages.append(f"{base}{pk}/change/")
    model_admin = _admin(model)
    if hasattr(model_admin, "history_form_view"):
        obj = model_admin.model._default_manager.get(pk=pk)
        pages.append(f"{base}{pk}/history/{obj.history.latest().history_id}/")
    return pages


def _forms(context):
    """The page's main form and every inline form, with their management forms (a read-only
    inline, such as an article's claims, is only shown: what is posted for it is not read)."""
    main = context["adminform"].form
    found = [main]
    for inline in context.get("inline_admin_formsets", []):
        if inline.has_change_permission or inline.has_add_permission:
            found.append(inline.formset.management_form)
            found.extend(inline.formset.forms)
    return found


def _posted(page_forms) -> tuple[dict, list[str]]:
    data, choices = {}, []
    for form in page_forms:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                choices.append(bound.html_name)
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
    return data, choices


def test_the_walk_covers_the_desks_autocomplete_fields(world):
    names = set()
    client = world.client("superuser")
    for model in _models():
        for url in _pages(model, world):
            response = client.get(url)
            if response.status_code == 200 and "adminform" in response.context:
                names.update(_posted(_forms(response.context))[1])
    # The claim's article, its evidence rows' sources, an article's outlet and source, a
    # source's publisher, a desk token's user and a derivation's raw-id claims.
    for name in ("article", "evidence-0-source", "outlet", "source", "publisher", "user"):
        assert name in names, name
    assert "derived" in names and "inputs-0-claim" in names


@pytest.mark.parametrize("model", _models())
def test_a_bad_key_comes_back_as_a_form_error(world, model):
    client = world.client("superuser")
    model_class = _admin(model).model
    for url in _pages(model, world):
        response = client.get(url)
        if response.status_code != 200 or "adminform" not in response.context:
            continue  # the page itself is refused (evidence is added on its claim's page)
        if response.context.get("revert_disabled"):
            continue  # a record that cannot be reverted: tests/admin/test_history_revert.py
        data, choices = _posted(_forms(response.context))
        for name in choices:
            for bad in BAD_KEYS:
                before = model_class._default_manager.count()
                answer = client.post(url, {**data, name: bad})
                assert answer.status_code == 200, (url, name, bad, answer.status_code)
                assert answer.context["errors"], (url, name, bad)
                assert model_class._default_manager.count() == before
