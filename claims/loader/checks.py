"""Fixture records checked by forms built from the models, each problem naming its field.

A record's keys, their JSON types and their rules (choices, lengths, http(s)-only URLs,
exact decimals) are read from the model's fields, so a field added to a model is a field the
file may carry. The database is never asked: references name records of the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from django import forms
from django.db import models
from django.utils.dateparse import parse_datetime

# The loader's own words for a value it cannot read, shown after the value itself.
_UNREADABLE = {
    forms.DecimalField: "is not a decimal number.",
    forms.DateField: "is not a YYYY-MM-DD date.",
    forms.URLField: "is not an http:// or https:// address.",
    forms.SlugField: "may hold only letters, digits, - and _.",
}
# What editors keep and a file never writes: a publisher's description, who reviewed a claim,
# its withdrawal. A copy's original is written as the source's `copy_of` object; the evidence
# rows' order in the file is their order on the page.
ORIGINAL_FIELDS = ("original_title", "original_url", "original_publisher")
NOT_LOADED = {
    "Publisher": ("description",),
    "Source": ORIGINAL_FIELDS,
    "Claim": ("reviewed_by", "withdrawn_at", "withdrawal_reason", "version"),
    "Evidence": ("claim", "position"),
}


class FixtureError(ValueError):
    """The fixture file is malformed; the message names the record and the field."""


class MomentField(forms.DateTimeField):
    """An ISO 8601 date and time with its UTC offset: a file means the same on any server."""

    default_error_messages = {
        "invalid": "is not a date and time with its UTC offset (such as 2026-11-29T22:12:52Z)."
    }

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                moment = parse_datetime(value.strip())
            except ValueError:
                moment = None
            if moment is not None and moment.tzinfo is not None:
                try:
                    moment.astimezone(UTC)  # outside years 1 to 9999 in UTC: not storable
                except OverflowError:
                    moment = None
            if moment is None or moment.tzinfo is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@dataclass(frozen=True)
class Shape:
    """One kind of record: its form, and each key's JSON types and whether it must be there."""

    form: type[forms.Form]
    types: dict[str, tuple[type, ...]]
    required: frozenset[str]

    def check_all(self, rows: list, kind: str, notes: list[str] | None = None) -> list[dict]:
        """Each of `rows` checked, named by its slug, else by its number."""
        return [
            self.check(
                raw, label_of(kind, raw) if "slug" in self.types else f"{kind} {number}", notes
            )
            for number, raw in enumerate(records_of(rows, kind), start=1)
        ]

    def check(self, raw: dict, label: str, notes: list[str] | None = None) -> dict:
        """The record with its values as the model stores them; FixtureError on a problem."""
        check_keys(raw, self.types, label, self.required)
        form = self.form(raw)
        if not form.is_valid():
            name, errors = next(iter(form.errors.as_data().items()))
            message = errors[0].messages[0]
            if errors[0].code == "invalid":
                message = f"'{str(raw[name])[:60]}' {message}"
            raise FixtureError(f"{label}: field '{name}': {message}")
        record = dict(raw)
        for name, field in form.fields.items():
            value = form.cleaned_data[name]
            is_url = isinstance(field, forms.URLField)
            if is_url and name in raw and value != raw[name] and notes is not None:
                notes.append(f"{label}: field '{name}': stored as '{value}'.")
            # Texts are stored as written (a quote's spaces matter); the rest as the form reads it.
            if is_url or name not in raw or not isinstance(value, str):
                record[name] = value
        return record


def shape(
    model: type[models.Model],
    *,
    references: dict[str, set[str]] | None = None,
    required: tuple[str, ...] = (),
    extras: dict[str, tuple[type, ...]] | None = None,
    required_extras: tuple[str, ...] = (),
    only: tuple[str, ...] | None = None,
    names: dict[str, str] | None = None,
) -> Shape:
    """The shape of `model`'s records: a form of its editable fields that a file writes (or
    `only` those; some under other `names`), with the slugs of the file's `references` in place
    of relations, and the `extras` only a file has."""
    names = names or {}
    references = references or {}
    nullable: set[str] = set()

    def formfield(field, **kwargs):
        if field.null:
            nullable.add(field.name)
        if field.is_relation:
            kind = field.related_model._meta.model_name
            return forms.ChoiceField(
                choices=[(slug, slug) for slug in sorted(references[field.name])],
                required=not field.null,
                error_messages={"invalid_choice": f"no {kind} '%(value)s' in the file."},
            )
        if isinstance(field, models.DateTimeField):
            kwargs["form_class"] = MomentField
        elif isinstance(field, models.DateField):
            kwargs["input_formats"] = ["%Y-%m-%d"]
        result = field.formfield(**kwargs)
        if result is None:  # the primary key
            return None
        # The model's own validators too: http(s)-only addresses, exact decimals.
        result.validators = [*result.validators, *field.validators]
        for kind, message in _UNREADABLE.items():
            if isinstance(result, kind):
                result.error_messages["invalid"] = message
        if field.choices:
            values = [value for value, _label in field.flatchoices]
            limit_choices(result, field.name, values, blank=field.blank)
        return result

    exclude = None if only else NOT_LOADED.get(model.__name__)
    fields = forms.fields_for_model(
        model, fields=only, exclude=exclude, formfield_callback=formfield
    )
    fields = {names.get(name, name): field for name, field in fields.items()}
    nullable = {names.get(name, name) for name in nullable}
    for name in required:
        fields[name].required = True
    types = {name: _json_types(field, name in nullable) for name, field in fields.items()}
    return Shape(
        form=type(f"{model.__name__}Record", (forms.Form,), dict(fields)),
        types={**types, **(extras or {})},
        required=frozenset(
            [*(name for name, field in fields.items() if field.required), *required_extras]
        ),
    )


def limit_choices(field: forms.ChoiceField, what: str, values, *, blank: bool = False) -> None:
    """Accept only `values` (and "" when `blank`), naming them when another is given."""
    allowed = [str(value) for value in (["", *values] if blank else values)]
    field.choices = [(value, value) for value in allowed]
    shown = ", ".join(repr(value) for value in allowed).replace("%", "%%")
    field.error_messages["invalid_choice"] = f"unknown {what} '%(value)s' (one of {shown})."


def _json_types(field: forms.Field, nullable: bool) -> tuple[type, ...]:
    if isinstance(field, forms.BooleanField):
        kind: type = bool
    elif isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
        kind = int
    else:
        kind = str  # decimals and dates too: JSON numbers would lose digits
    return (kind, type(None)) if nullable else (kind,)


def records_of(value: list, kind: str) -> list[dict]:
    for number, record in enumerate(value, start=1):
        if not isinstance(record, dict):
            raise FixtureError(f"{kind} {number}: must be a JSON object.")
    return value


def label_of(kind: str, raw) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{kind} '{slug}'" if isinstance(slug, str) and slug else f"{kind} without a slug"


def check_keys(raw: dict, types: dict, label: str, required=None) -> None:
    """Every `required` key (all of them when not given) is there, none other, each of its type."""
    for name in types if required is None else required:
        if name not in raw:
            raise FixtureError(f"{label}: field '{name}' is missing.")
    for name, value in raw.items():
        if name not in types:
            raise FixtureError(f"{label}: field '{name}' is not a known field.")
        expected = types[name]
        # bool is an int in Python; a paragraph number of `true` is still a mistake.
        if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
            raise FixtureError(f"{label}: field '{name}' has the wrong type ({_json_type(value)}).")


def unique(records: list[dict], kind: str, field: str = "slug") -> set[str]:
    """The records' values of `field`, none of them (empty ones aside) given twice."""
    seen: set[str] = set()
    for record in records:
        value = record[field]
        if value in seen:
            raise FixtureError(
                f"{kind} '{record['slug']}': field '{field}': '{value}' is used twice in the file."
            )
        if value:
            seen.add(value)
    return seen


def _json_type(value) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)
