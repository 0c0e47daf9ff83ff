"""Print the candidate numeric claims in an article's text, and optionally file them as drafts."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.candidates import candidate_accept
from claims.extraction import Candidate, already_recorded, extract
from claims.models import Article, Claim


class Command(BaseCommand):
    help = "List the figures in an article's text as candidate claims; --create-drafts files them."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="A UTF-8 text file with the article, one paragraph a line."
        )
        parser.add_argument("--article", help="Slug of the article the claims belong to.")
        parser.add_argument(
            "--create-drafts",
            action="store_true",
            help="Create a draft claim for each candidate not yet recorded (needs --article).",
        )

    def handle(self, *args, file, article=None, create_drafts=False, **options):
        if create_drafts and not article:
            raise CommandError("--create-drafts needs --article: drafts belong to an article.")
        text = _read(Path(file))
        target = None
        if article:
            target = Article.objects.filter(slug=article).select_related("outlet").first()
            if target is None:
                raise CommandError(f"No article with the slug {article!r}.")

        candidates = extract(text)
        recorded = []
        if target is not None:
            recorded = list(Claim.objects.filter(article=target).values_list("quote", "value"))
        for candidate in candidates:
            marker = "=" if already_recorded(candidate, recorded) else "+"
            self.stdout.write(_line(marker, candidate))
        self.stdout.write(f"{len(candidates)} candidate figures.")

        if create_drafts:
            created, skipped = _create_drafts(target, candidates, recorded)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {created} draft claims; skipped {skipped} already recorded."
                )
            )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {path}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text.") from error
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error


def _line(marker: str, candidate: Candidate) -> str:
    quantity = candidate.quantity
    unit = (quantity.unit or "-") + ("?" if candidate.unit_guessed else "")
    flags = f" [{', '.join(quantity.flags)}]" if quantity.flags else ""
    return (
        f"{marker} ¶{candidate.paragraph} @{candidate.start}-{candidate.end} "
        f"{candidate.found.text} → {quantity.comparator} {candidate.draft()['value']} {unit}"
        f"{flags} | {candidate.sentence}"
    )


@transaction.atomic
def _create_drafts(
    article: Article, candidates: list[Candidate], recorded: list
) -> tuple[int, int]:
    created = skipped = 0
    for candidate in candidates:
        draft = candidate.draft()
        # A numeric claim needs a unit: without one, the editor files it by hand.
        if already_recorded(candidate, recorded) or not draft["unit"]:
            skipped += 1
            continue
        try:
            candidate_accept(
                article=article,
                candidate=candidate,
                unit=draft["unit"],
                by=None,
                how="by extract_claims",
            )
        except ValidationError as error:
            raise CommandError(
                f"¶{candidate.paragraph} {candidate.found.text}: {'; '.join(error.messages)} "
                "No drafts were created."
            ) from None
        recorded.append((draft["quote"], candidate.quantity.value))
        created += 1
    return created, skipped
