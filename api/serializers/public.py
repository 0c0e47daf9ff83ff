"""What anonymous readers see: published claims, their evidence, sources and articles.

Serializers only translate; every relation they read is loaded by the view's queryset
(select_related / prefetch_related), so a page costs the same queries whatever its size.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.claim_rows import ClaimWriter
from api.serializers.external import ExternalReviewSerializer, ReasonSerializer
from claims.checks.for_claim import KIND_LABELS, public_claim_checks
from claims.checks.wording import plain_outcome
from claims.models import Article, Claim, Evidence, Verdict, VerdictChange
from sources.fields import format_partial_date
from sources.models import Publisher, Source, SourceCategory


class PartialDateField(serializers.Field):
    """A date only as precise as it is known: "2025", "2025-10" or "2025-10-04"."""

    def __init__(self, date_field: str, precision_field: str, **kwargs):
        self.date_field, self.precision_field = date_field, precision_field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, instance) -> str | None:
        value = getattr(instance, self.date_field)
        return format_partial_date(value, getattr(instance, self.precision_field)) or None


extend_schema_field({"type": "string", "nullable": True, "example": "2025-09"})(PartialDateField)


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["slug", "name", "url"]


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = [
            "code",
            "label_en",
            "label_zh_hant",
            "description_en",
            "description_zh_hant",
            "colour",
            "rating_value",
            "position",
            "publishable",
            "decisive",
        ]


class VerdictBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["code", "label_en", "label_zh_hant", "colour", "rating_value"]


class CopyOfSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="The original's title.")
    url = serializers.CharField(help_text="The original's URL, or empty when unknown.")
    publisher = serializers.CharField(help_text="Who published the original.")
    reliability = serializers.ChoiceField(
        choices=["reputable", "unknown"], help_text="Whether the copy is known to be faithful."
    )


class ArchiveSerializer(serializers.Serializer):
    """The desk's newest archived copy of a source."""

    captured_at = serializers.DateTimeField()
    url = serializers.CharField(help_text="The address fetched, after redirects.")
    status = serializers.IntegerField(help_text="The HTTP status it answered.")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes of the payload.")
    sha256 = serializers.CharField(help_text="SHA-256 of the payload, in hex.")
    text = serializers.CharField(help_text="A page with the text read from the copy.")
    page = serializers.CharField(
        help_text="The stored page as captured, served sandboxed (no script runs)."
    )
    warc = serializers.CharField(help_text="The capture as a WARC file (ISO 28500).")


def archive_data(source, request=None) -> dict | None:
    """A source's archive state for readers; None when it has no archived copy yet."""
    capture = source.newest_capture
    if capture is None:
        return None

    def link(name: str) -> str:
        path = reverse(f"public:archived-{name}", args=[capture.key])
        return request.build_absolute_uri(path) if request else path

    return {
        "captured_at": _DATETIME.to_representation(capture.captured_at),
        "url": capture.final_url,
        "status": capture.status_code,
        "content_type": capture.content_type,
        "size": capture.size,
        "sha256": capture.sha256,
        "text": link("text"),
        "page": link("page"),
        "warc": link("warc"),
    }


_DATETIME = serializers.DateTimeField()


class SourceSerializer(serializers.ModelSerializer):
    publisher = PublisherSerializer()
    published = PartialDateField("published_on", "published_precision")
    category = serializers.ChoiceField(
        choices=SourceCategory.choices,
        read_only=True,
        help_text="What the source is, grouped: primary (official statistics, a government "
        "document, a dataset, the claimant's own words), news report, analysis, social post, "
        "copy of another document, other.",
    )
    copy_of = CopyOfSerializer(
        read_only=True,
        allow_null=True,
        help_text="For a copy of another document (kind `copy`): the original; else null.",
    )
    archive = serializers.SerializerMethodField(
        help_text="Our newest archived copy of the source, or null when there is none yet."
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "publisher",
            "kind",
            "category",
            "copy_of",
            "published",
            "language",
            "archive_url",
            "accessed_on",
            "archive",
        ]

    @extend_schema_field(ArchiveSerializer(allow_null=True))
    def get_archive(self, source: Source) -> dict | None:
        return archive_data(source, self.context.get("request"))


class ArticleSerializer(serializers.ModelSerializer):
    outlet = PublisherSerializer()
    published = PartialDateField("published_on", "published_precision")
    authors = serializers.ListField(child=serializers.CharField(), source="author_list")

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "url", "outlet", "published", "language", "authors"]


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = Evidence
        fields = ["role", "source", "locator", "excerpt", "value", "unit", "seen", "note"]


class VerdictChangeSerializer(serializers.ModelSerializer):
    from_verdict = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    changes = serializers.ListField(
        child=serializers.DictField(),
        read_only=True,
        help_text=(
            "For an `updated` entry: what changed, each as {field, from, to}; evidence rows as "
            "{field: evidence, source, from, to} with the row before and after (null when added "
            "or removed). Empty for other kinds."
        ),
    )
    to_verdict = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = VerdictChange
        fields = [
            "kind",
            "from_verdict",
            "to_verdict",
            "reason",
            "reason_zh_hant",
            "changes",
            "changed_at",
        ]


class AppearanceSerializer(serializers.Serializer):
    article = ArticleSerializer()
    paragraph = serializers.IntegerField(allow_null=True)


class ClaimLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    page = serializers.URLField()
    badge = serializers.URLField()
    claimreview = serializers.URLField()


def claim_links(request, public_id: str) -> dict[str, str]:
    def absolute(path: str) -> str:
        return request.build_absolute_uri(path) if request else path

    return {
        "self": absolute(reverse("api:claim-detail", args=[public_id])),
        "page": absolute(reverse("public:claim", args=[public_id])),
        "badge": absolute(reverse("public:badge-svg", args=[public_id])),
        "claimreview": absolute(reverse("api:claim-claimreview", args=[public_id])),
    }


class BilingualTextSerializer(serializers.Serializer):
    """One text in both site languages, keyed by language code."""

    def get_fields(self):
        return {"en": serializers.CharField(), "zh-hant": serializers.CharField()}


class CheckSourceSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="The source's slug, as in the claim's `evidence`.")
    title = serializers.CharField()
    role = serializers.CharField(help_text="The evidence row's role: supports, context…")


class MachineCheckSerializer(serializers.Serializer):
    """A check the system ran on the claim's figures. It suggests; the editor decides."""

    kind = serializers.ChoiceField(choices=list(KIND_LABELS), help_text="What was compared.")
    kind_label = BilingualTextSerializer()
    outcome = serializers.CharField(
        help_text="consistent, consistent_within_rounding, inconsistent, units_differ, "
        "not_comparable, computed, source_predates_period, quote_matches…"
    )
    outcome_label = BilingualTextSerializer(help_text="The outcome in plain words.")
    flagged = serializers.BooleanField(help_text="True when an editor should look at it.")
    explanation = BilingualTextSerializer()
    source = CheckSourceSerializer(
        allow_null=True, help_text="The evidence row's source checked against; null if none."
    )


LANGUAGES = ("en", "zh-hant")


def machine_check_data(check) -> dict:
    # One switch of language per language and check: activating a translation costs more
    # than the strings it translates, and a page of 50 claims carries a few hundred checks.
    texts: dict[str, dict[str, str]] = {"kind_label": {}, "outcome_label": {}, "explanation": {}}
    for language in LANGUAGES:
        with override(language):
            texts["kind_label"][language] = str(KIND_LABELS[check.kind])
            texts["outcome_label"][language] = plain_outcome(check.outcome)
            texts["explanation"][language] = str(check.result.explanation)
    evidence = check.evidence
    return {
        "kind": check.kind,
        "kind_label": texts["kind_label"],
        "outcome": check.outcome,
        "outcome_label": texts["outcome_label"],
        "flagged": check.flagged,
        "explanation": texts["explanation"],
        "source": None
        if evidence is None
        else {"slug": evidence.source.slug, "title": evidence.source.title, "role": evidence.role},
    }


class ClaimSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)
    appears_in = serializers.SerializerMethodField()
    verdict = VerdictBriefSerializer()
    evidence = EvidenceSerializer(many=True)
    verdict_history = VerdictChangeSerializer(many=True, source="verdict_changes")
    checks = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "slug",
            "status",
            "quote",
            "quote_language",
            "restatement",
            "restatement_zh",
            "claimant",
            "kind",
            "value",
            "comparator",
            "unit",
            "period",
            "place",
            "appears_in",
            "verdict",
            "ruling",
            "ruling_zh_hant",
            "reviewed_at",
            "published_at",
            "updated_at",
            "evidence",
            "verdict_history",
            "checks",
            "links",
        ]

    @extend_schema_field(MachineCheckSerializer(many=True))
    def get_checks(self, claim: Claim) -> list[dict]:
        return [machine_check_data(check) for check in public_claim_checks(claim)]

    def to_representation(self, claim: Claim) -> dict:
        # The declared fields above stay the schema; rows are written by api/serializers/
        # claim_rows.py, which renders the same thing without DRF's per-row cost.
        writer = self.__dict__.get("_writer")
        if writer is None:
            writer = self._writer = ClaimWriter(self.context)
        row = writer.row(claim)
        links = row.pop("links")  # keep the declared field order: checks, then links
        row["checks"] = self.get_checks(claim)
        row["links"] = links
        return row

    @extend_schema_field(AppearanceSerializer)
    def get_appears_in(self, claim: Claim) -> dict:
        return AppearanceSerializer(
            {"article": claim.article, "paragraph": claim.paragraph}, context=self.context
        ).data

    @extend_schema_field(ClaimLinksSerializer)
    def get_links(self, claim: Claim) -> dict:
        return claim_links(self.context.get("request"), claim.public_id)


class WithdrawnClaimSerializer(serializers.ModelSerializer):
    """All that stays public of a withdrawn claim: that it was withdrawn, when and why."""

    id = serializers.CharField(source="public_id", read_only=True)
    reason = serializers.CharField(source="withdrawal_reason", read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "status", "withdrawn_at", "reason"]


class ClaimSummarySerializer(serializers.ModelSerializer):
    """A claim in a short list (similar claims, a source's claims)."""

    id = serializers.CharField(source="public_id", read_only=True)
    verdict = VerdictBriefSerializer()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "quote",
            "restatement",
            "restatement_zh",
            "claimant",
            "verdict",
            "published_at",
            "links",
        ]

    @extend_schema_field(ClaimLinksSerializer)
    def get_links(self, claim: Claim) -> dict:
        return claim_links(self.context.get("request"), claim.public_id)


class SimilarClaimSerializer(serializers.Serializer):
    """One earlier check: a claim of ours, or a review another fact-checker published."""

    score = serializers.FloatField(min_value=0, max_value=1)
    checked_by = serializers.ChoiceField(
        choices=["registry", "external"],
        help_text=_(
            "'registry' for a claim of ours, 'external' for another fact-checker's review."
        ),
    )
    reason = ReasonSerializer()
    claim = ClaimSummarySerializer(allow_null=True)
    review = ExternalReviewSerializer(allow_null=True)


class SourceDetailSerializer(SourceSerializer):
    claims = serializers.SerializerMethodField()

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "claims"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_claims(self, source: Source) -> list[str]:
        # `public_evidence` is prefetched with published claims only.
        return sorted({row.claim.public_id for row in source.public_evidence})


class ArticleDetailSerializer(ArticleSerializer):
    claims = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "claims"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_claims(self, article: Article) -> list[str]:
        return [claim.public_id for claim in article.public_claims]
