"""Report every change the public could see to the one announcement (claims/public_changes.py).

Every save of a public claim, of its evidence or derivations (their recomputation is one of
its public machine checks), of a source or publisher it cites, of its article or of the
verdict scale is announced once its transaction commits (never for a change that is rolled
back). QuerySet.update() sends no model signals: code that bulk-updates public rows must call
`announce_public_change` itself. Raw saves (loaddata, a restore) announce nothing: after a
restore, clear the cache as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from claims import public_changes, public_rows
from claims.models import (
    Article,
    Claim,
    ClaimDerivation,
    DerivationInput,
    Evidence,
    Verdict,
)
from claims.workflow import (
    EVIDENCE_RECORD_FIELDS,
    GUARDED_FIELDS,
    WorkflowError,
    may_write,
)
from sources.models import Publisher, Source, SourceCapture

PUBLIC_STATUSES = ("published", "withdrawn")


def announce_public_change(claims: Iterable[tuple[int, str]], *, scale: bool = False) -> None:
    """Announce (pk, public_id) pairs once the current transaction commits; their stored
    list rows (claims/public_rows.py) stop counting at once, in this transaction."""
    pending = list(dict.fromkeys(claims))
    public_rows.bump(claim_id for claim_id, _public_id in pending)
    public_changes.announce(pending, scale=scale)


# A public claim changes only on the record --------------------------------------------------
# claims/workflow/ writes a public claim's content and evidence inside `recording` (or its own
# actions); any other save of them, from a script, a shell or a library, is refused here.
ON_THE_RECORD = gettext_lazy(
    "This claim is public: it changes only through the desk's workflow, on the record."
)


@receiver(pre_save, sender=Claim)
def claim_saved_off_the_record(sender, instance: Claim, raw=False, update_fields=None, **kw):
    if raw or instance.pk is None or may_write(instance.pk):
        return
    names = GUARDED_FIELDS if update_fields is None else GUARDED_FIELDS & set(update_fields)
    if not names:
        return
    fields = [Claim._meta.get_field(name) for name in names]
    stored = (
        Claim.objects.filter(pk=instance.pk, status__in=PUBLIC_STATUSES)
        .values(*(field.attname for field in fields))
        .first()
    )
    if stored is None:
        return
    for field in fields:
        if field.to_python(getattr(instance, field.attname)) != stored[field.attname]:
            raise WorkflowError(ON_THE_RECORD)


# What a save of an evidence row may change without its claim's record: the desk's own fields.
EVIDENCE_INTERNAL_FIELDS = frozenset({"research_note", "position", "updated_at"})


@receiver(pre_save, sender=Evidence)
@receiver(pre_delete, sender=Evidence)
def evidence_saved_off_the_record(sender, instance: Evidence, raw=False, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    if raw or may_write(instance.claim_id):
        return
    if update_fields is not None and set(update_fields) <= EVIDENCE_INTERNAL_FIELDS:
        return
    if not Claim.objects.filter(pk=instance.claim_id, status__in=PUBLIC_STATUSES).exists():
        return
    deleting = "update_fields" not in kwargs
    if not deleting and instance.pk is not None:
        fields = [Evidence._meta.get_field(name) for name in ("source", *EVIDENCE_RECORD_FIELDS)]
        stored = Evidence.objects.filter(pk=instance.pk).values(*(f.attname for f in fields))
        stored = stored.first()
        if stored is not None and all(
            field.to_python(getattr(instance, field.attname)) == stored[field.attname]
            for field in fields
        ):
            return  # nothing readers see changes
    raise WorkflowError(ON_THE_RECORD)


def _public(queryset) -> list[tuple[int, str]]:
    return list(queryset.public().values_list("pk", "public_id").distinct())


@receiver(post_save, sender=Claim)
@receiver(post_delete, sender=Claim)
def claim_changed(sender, instance: Claim, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    changed = [(instance.pk, instance.public_id)] if instance.status in PUBLIC_STATUSES else []
    # Claims recomputed from this one show its figure and status in their checks.
    derived = _public(Claim.objects.filter(derivations__inputs__claim_id=instance.pk))
    announce_public_change(changed + derived)


@receiver(post_save, sender=Evidence)
@receiver(post_delete, sender=Evidence)
def evidence_changed(sender, instance: Evidence, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    announce_public_change(_public(Claim.objects.filter(pk=instance.claim_id)))


@receiver(post_save, sender=ClaimDerivation)
@receiver(post_delete, sender=ClaimDerivation)
def derivation_changed(sender, instance: ClaimDerivation, raw: bool = False, **kwargs) -> None:
    if not raw:
        announce_public_change(_public(Claim.objects.filter(pk=instance.derived_id)))


@receiver(post_save, sender=DerivationInput)
@receiver(post_delete, sender=DerivationInput)
def derivation_input_changed(
    sender, instance: DerivationInput, raw: bool = False, **kwargs
) -> None:
    if not raw:
        announce_public_change(
            _public(Claim.objects.filter(derivations__pk=instance.derivation_id))
        )


@receiver(post_save, sender=Source)
def source_changed(sender, instance: Source, created: bool, raw: bool = False, **kwargs) -> None:
    if not created and not raw:
        announce_public_change(_public(Claim.objects.filter(evidence__source=instance)))


@receiver(post_save, sender=SourceCapture)
def source_captured(sender, instance: SourceCapture, raw: bool = False, **kwargs) -> None:
    # Readers see a source's archive state and the check against it; the claim's content and
    # evidence are unchanged, so this reaches the caches, never the correction log.
    if not raw:
        announce_public_change(_public(Claim.objects.filter(evidence__source=instance.source_id)))


@receiver(post_save, sender=Publisher)
def publisher_changed(
    sender, instance: Publisher, created: bool, raw: bool = False, **kwargs
) -> None:
    if not created and not raw:
        announce_public_change(
            _public(Claim.objects.filter(evidence__source__publisher=instance))
            + _public(Claim.objects.filter(article__outlet=instance))
        )


@receiver(post_save, sender=Article)
def article_changed(sender, instance: Article, created: bool, raw: bool = False, **kwargs) -> None:
    if not created and not raw:
        announce_public_change(_public(instance.claims.all()))


@receiver(post_save, sender=Verdict)
@receiver(post_delete, sender=Verdict)
def verdict_changed(sender, instance: Verdict, raw: bool = False, **kwargs) -> None:
    # The scale itself is public (the API's verdicts, the methodology page), claims or not.
    if not raw:
        claims = _public(instance.claims.all()) if instance.pk is not None else []
        announce_public_change(claims, scale=True)
