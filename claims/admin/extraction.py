"""The article admin's "Find claims in text" page: figures in the text, accepted or dismissed.

One form carries the text through every step, so accepting or dismissing a figure shows the
same list again with that figure's new state. The rules live in claims/candidates.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.candidates import (
    MAX_TEXT_CHARS,
    article_candidates,
    candidate_accept,
    candidate_dismiss,
    shipped_text,
    text_problems,
)
from claims.checks.wording import plain_outcome
from claims.models import Article, Claim, Unit
from claims.quantity import format
from core.admin_links import ObjectPagesMixin
from elsewhere.display import checked_before_html
from elsewhere.matching import get_matcher
from elsewhere.retrieval import sentence_probe

ADD_CLAIM = "claims.add_claim"
UNIT_LABELS = dict(Unit.choices)
MAX_FILE_BYTES = 512 * 1024
CHECKED_BEFORE_SHOWN = 3


class FindClaimsForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("article text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100, "maxlength": MAX_TEXT_CHARS}),
        help_text=gettext_lazy("One paragraph a line, as the article prints it."),
    )
    file = forms.FileField(
        label=gettext_lazy("or a text file"),
        required=False,
        help_text=gettext_lazy("UTF-8 text, used instead of the box when given."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_FILE_BYTES:
                raise ValidationError(
                    _("The file has %(size)s bytes; at most %(max)s can be searched at once.")
                    % {"size": f"{upload.size:,}", "max": f"{MAX_FILE_BYTES:,}"}
                )
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValidationError(_("The file is not UTF-8 text.")) from error
        problems = text_problems(cleaned.get("text") or "")
        if problems:
            raise ValidationError(problems)
        return cleaned


class ArticleExtractionMixin(ObjectPagesMixin):
    def get_urls(self):
        page = self.object_page("find-claims/", self.find_claims_view, "find_claims")
        return [page, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and request.user.has_perm(ADD_CLAIM):
            context["find_claims_url"] = self.object_url("find_claims", obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def find_claims_view(self, request, object_id: str):
        article = self.object_or_404(request, object_id)
        if not (self.has_view_permission(request, article) and request.user.has_perm(ADD_CLAIM)):
            raise PermissionDenied
        row_errors: dict[str, list[str]] = {}
        rows = None
        if request.method == "POST":
            form = self._posted_form(request)
            if form.is_bound and form.is_valid():
                text = form.cleaned_data["text"]
                if "accept" in request.POST or "dismiss" in request.POST:
                    row_errors = self._act(request, article, text)
                rows = article_candidates(text, article)
                # A file's text moves into the box, so the next step posts it again.
                form = FindClaimsForm(initial={"text": text})
        else:
            form = FindClaimsForm(initial={"text": shipped_text(article)})
        context = self.object_page_context(
            request,
            article,
            _("Find claims in text"),
            form=form,
            rows=self._rows(request, rows, row_errors) if rows is not None else None,
            dismissed_count=sum(row.dismissed for row in rows or []),
            units=Unit.choices,
            media=self.media + form.media,
        )
        return TemplateResponse(request, "admin/claims/article/find_claims.html", context)

    def _posted_form(self, request) -> FindClaimsForm:
        try:
            return FindClaimsForm(request.POST, request.FILES)
        except RequestDataTooBig:
            # Over DATA_UPLOAD_MAX_MEMORY_SIZE (a browser keeps the box under it): say so on
            # the page instead of Django's bare 400.
            self.message_user(
                request,
                _(
                    "The text is too long to search at once: at most %(max)s characters. "
                    "Search it in parts."
                )
                % {"max": f"{MAX_TEXT_CHARS:,}"},
                messages.ERROR,
            )
            return FindClaimsForm()

    def _act(self, request, article: Article, text: str) -> dict[str, list[str]]:
        accepting = "accept" in request.POST
        key = request.POST.get("accept" if accepting else "dismiss", "")
        found = {row.key: row for row in article_candidates(text, article)}
        row = found.get(key)
        if row is None:
            self.message_user(
                request,
                _("That figure is no longer in the text; find the claims again."),
                messages.ERROR,
            )
            return {}
        if not accepting:
            candidate_dismiss(article=article, candidate=row.candidate, by=request.user)
            self.message_user(
                request,
                _("Dismissed “%(figure)s”; it will not be suggested again for this article.")
                % {"figure": row.candidate.found.text},
                messages.SUCCESS,
            )
            return {}
        if row.recorded:
            return {key: [_("A claim already records this figure.")]}
        try:
            claim = candidate_accept(
                article=article,
                candidate=row.candidate,
                unit=request.POST.get(f"unit-{key}", ""),
                by=request.user,
            )
        except ValidationError as error:
            return {key: [str(message) for message in error.messages]}
        self.message_user(
            request,
            _("Filed the draft claim “%(slug)s”; restate it before review.") % {"slug": claim.slug},
            messages.SUCCESS,
        )
        return {}

    def _rows(self, request, rows, row_errors) -> list[dict]:
        shown = []
        matcher = get_matcher()
        published = Claim.objects.published().select_related("verdict")
        for row in rows:
            if row.dismissed:
                continue
            candidate = row.candidate
            start, end = row.figure_offsets
            shown.append(
                {
                    "key": row.key,
                    "paragraph": candidate.paragraph,
                    "before": candidate.sentence[:start],
                    "figure": candidate.sentence[start:end],
                    "after": candidate.sentence[end:],
                    "quantity": format(candidate.quantity, request.LANGUAGE_CODE),
                    "unit": candidate.unit or "",
                    "unit_label": UNIT_LABELS.get(candidate.unit or "", ""),
                    "unit_guessed": candidate.unit_guessed,
                    "flags": [plain_outcome(flag) for flag in candidate.quantity.flags],
                    "recorded": row.recorded,
                    "errors": row_errors.get(row.key, []),
                    # Has anyone checked this figure before, here or elsewhere?
                    "checked_before": checked_before_html(
                        matcher.find(
                            sentence_probe(candidate.sentence, candidate.quantity),
                            claims=published,
                            limit=CHECKED_BEFORE_SHOWN,
                        ),
                        empty="—",
                    ),
                }
            )
        return shown
