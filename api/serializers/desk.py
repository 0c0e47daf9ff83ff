"""What the desk's tools read and write: every claim, whatever its state."""

from __future__ import annotations

from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from claims.models import Article, Claim, Evidence, Verdict
from sources.models import Publisher, Source


class ModelCleanMixin:
    """Run the model's own validation (fields, uniqueness, constraints) and report it as 400."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return attrs


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
            "position",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class DeskClaimSerializer(ModelCleanMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    article = IdRelatedField(queryset=Article.objects.all())
    verdict = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "slug",
            "status",
            "version",
            "article",
            "paragraph",
            "quote",
            "quote_language",
            "quote_prefix",
            "quote_suffix",
            "restatement",
            "claimant",
            "kind",
            "value",
            "comparator",
            "unit",
            "period",
            "place",
            "verdict",
            "ruling",
            "ruling_zh_hant",
            "research_notes",
            "evidence",
            "reviewed_at",
            "published_at",
            "withdrawn_at",
            "withdrawal_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "version",
            "reviewed_at",
            "published_at",
            "withdrawn_at",
            "withdrawal_reason",
            "created_at",
            "updated_at",
        ]


class PublisherWriteSerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "slug", "name", "url", "description"]


class DeskSourceSerializer(ModelCleanMixin, serializers.ModelSerializer):
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
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class DeskArticleSerializer(ModelCleanMixin, serializers.ModelSerializer):
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


# Workflow actions: these only carry the request's values to claims/workflow.py, which
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


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, write_only=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
