"""What the desk's tools read and write: every claim, whatever its state."""

from __future__ import annotations

from copy import copy

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from claims.candidates import text_problems
from claims.models import Article, Claim, Evidence, Verdict
from claims.workflow.rules import WORKFLOW_FIELDS
from sources import fields as source_fields
from sources.models import Publisher, Source, SourceCapture
from sources.uri import normalise_url


def correction_reason_field() -> serializers.CharField:
    return serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text=_(
            "Needed when the claim is public and the change alters what readers see (its "
            "quote, numbers or evidence): the public reason, shown in its correction log. "
            "Needs the publish permission."
        ),
    )


class ModelCleanMixin:
    """Run the model's own validation (fields, uniqueness, constraints) and report it as 400."""

    # Request values that are not the model's fields (a public reason, for instance).
    not_model_fields = ("correction_reason",)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            if name not in self.not_model_fields:
                setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


class HttpURLField(serializers.URLField):
    """An http(s) address, as the RFC 3986 URI it is stored as (sources/uri.py); the
    validators check it in that form, so the stored address is the one they passed."""

    def to_internal_value(self, data):
        return normalise_url(super().to_internal_value(data))


# The model serializers' own mapping, with the stored form for our URL fields.
FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    source_fields.HttpURLField: HttpURLField,
}


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A related row's id; one no database column could hold is simply not found."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, int) and not 0 < data < 2**63:
            self.fail("does_not_exist", pk_value=data)
        if isinstance(data, str) and (not data.isascii() or not data.isdigit() or len(data) > 18):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class DeskEvidenceSerializer(ModelCleanMixin, serializers.ModelSerializer):
    claim = serializers.SlugRelatedField(slug_field="public_id", queryset=Claim.objects.all())
    source = IdRelatedField(queryset=Source.objects.all())
    correction_reason = correction_reason_field()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "claim",
            "source",
            "role",
            "locator",
            "excerpt",
            "value",
            "unit",
            "seen",
            "note",
            "research_note",
            "position",
            "correction_reason",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


HIDDEN_CLAIM_FIELDS = {"id", "public_id", "reviewed_by"}


class DeskClaimSerializer(ModelCleanMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    article = IdRelatedField(queryset=Article.objects.all())
    verdict = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    correction_reason = correction_reason_field()

    class Meta:
        model = Claim
        # Every column but the row's key and its reviewer, in the model's order; what the
        # workflow decides is read only here and changes through its actions.
        fields = [
            "id",
            *(f.name for f in Claim._meta.concrete_fields if f.name not in HIDDEN_CLAIM_FIELDS),
            "evidence",
            "correction_reason",
        ]
        read_only_fields = sorted(WORKFLOW_FIELDS - HIDDEN_CLAIM_FIELDS)


class PublisherWriteSerializer(ModelCleanMixin, serializers.ModelSerializer):
    serializer_field_mapping = FIELD_MAPPING

    class Meta:
        model = Publisher
        fields = ["id", "slug", "name", "url", "description"]


class DeskSourceSerializer(ModelCleanMixin, serializers.ModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    publisher = serializers.SlugRelatedField(slug_field="slug", queryset=Publisher.objects.all())

    class Meta:
        model = Source
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "publisher",
            "kind",
            "published_on",
            "published_precision",
            "language",
            "archive_url",
            "accessed_on",
            "original_title",
            "original_url",
            "original_publisher",
            "copy_reliability",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class DeskArticleSerializer(ModelCleanMixin, serializers.ModelSerializer):
    serializer_field_mapping = FIELD_MAPPING
    outlet = serializers.SlugRelatedField(slug_field="slug", queryset=Publisher.objects.all())

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "outlet",
            "published_on",
            "published_precision",
            "language",
            "authors",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


# Workflow actions: these only carry the request's values to claims/workflow/, which
# decides whether the action is allowed.
class PublishSerializer(serializers.Serializer):
    verdict = serializers.SlugRelatedField(
        slug_field="code", queryset=Verdict.objects.all(), required=False
    )
    ruling = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Public note for the correction log.")
    )


class ChangeVerdictSerializer(serializers.Serializer):
    verdict = serializers.SlugRelatedField(slug_field="code", queryset=Verdict.objects.all())
    reason = serializers.CharField(
        allow_blank=True, help_text=_("Why the verdict changes; shown to the public.")
    )
    ruling = serializers.CharField(required=False, allow_blank=True)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True, help_text=_("Why the claim is withdrawn; shown to the public.")
    )


class EmptySerializer(serializers.Serializer):
    pass


_USER = get_user_model()
_USERNAME_MAX_LENGTH = _USER._meta.get_field(_USER.USERNAME_FIELD).max_length


class TokenRequestSerializer(serializers.Serializer):
    # No longer than a user name can be: a longer one belongs to nobody, and is refused
    # before anything about it is looked up or stored.
    username = serializers.CharField(max_length=_USERNAME_MAX_LENGTH)
    password = serializers.CharField(style={"input_type": "password"}, write_only=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ExtractRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False,
        help_text=_("The article's text, one paragraph a line."),
    )
    article = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Article.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The article's slug: marks figures already recorded or dismissed for it."),
    )

    def validate_text(self, value: str) -> str:
        problems = text_problems(value)
        if problems:
            raise serializers.ValidationError(problems)
        return value


class ExtractCandidateSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Stable for the same sentence and figure."))
    sentence = serializers.CharField()
    paragraph = serializers.IntegerField(help_text=_("1 for the text's first non-blank line."))
    start = serializers.IntegerField(help_text=_("Where the figure starts in the text."))
    end = serializers.IntegerField()
    figure = serializers.CharField(help_text=_("The figure as printed."))
    value = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    unit_guessed = serializers.BooleanField()
    comparator = serializers.CharField()
    flags = serializers.ListField(child=serializers.CharField())
    recorded = serializers.BooleanField(help_text=_("A claim of the article already quotes it."))
    dismissed = serializers.BooleanField(help_text=_("An editor dismissed it for the article."))


def extract_candidate_data(row) -> dict:
    candidate = row.candidate
    return {
        "key": row.key,
        "sentence": candidate.sentence,
        "paragraph": candidate.paragraph,
        "start": candidate.start,
        "end": candidate.end,
        "figure": candidate.found.text,
        "value": candidate.draft()["value"],
        "unit": candidate.unit,
        "unit_guessed": candidate.unit_guessed,
        "comparator": candidate.quantity.comparator,
        "flags": list(candidate.quantity.flags),
        "recorded": row.recorded,
        "dismissed": row.dismissed,
    }


class CaptureSerializer(serializers.ModelSerializer):
    """An archived copy just made: what was fetched and where to read it."""

    source = serializers.PrimaryKeyRelatedField(read_only=True)
    text_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    warc_url = serializers.SerializerMethodField()

    class Meta:
        model = SourceCapture
        fields = [
            "key",
            "source",
            "captured_at",
            "requested_url",
            "final_url",
            "status_code",
            "content_type",
            "size",
            "sha256",
            "text_method",
            "encoding",
            "text_url",
            "page_url",
            "warc_url",
        ]

    def _link(self, capture: SourceCapture, name: str) -> str:
        path = reverse(f"public:archived-{name}", args=[capture.key])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_text_url(self, capture: SourceCapture) -> str:
        return self._link(capture, "text")

    def get_page_url(self, capture: SourceCapture) -> str:
        return self._link(capture, "page")

    def get_warc_url(self, capture: SourceCapture) -> str:
        return self._link(capture, "warc")
