"""The desk's write API: token authentication, the admin's permissions, the workflow's rules.

Every state change goes through claims/workflow/; these views only read the request,
check `If-Match` against the claim's version (an evidence row's ETag carries its claim's
version too) and pass the values on.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import PreconditionFailed, PreconditionRequired
from api.filters import DeskClaimFilter
from api.serializers import desk as s
from claims import workflow
from claims.candidates import article_candidates
from claims.models import Article, Claim, Evidence
from core import login_throttle
from sources.archive.capture import CaptureError, source_capture
from sources.models import Publisher, Source

IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=True,
    description="The claim's ETag, as last read; a stale one is refused with 412.",
)


class DeskPermissions(permissions.DjangoModelPermissions):
    """The admin's model permissions, reads included."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


def claim_etag(claim: Claim) -> str:
    return quote_etag(f"{claim.public_id}-v{claim.version}")


def _if_match(request, current: str) -> bool:
    """Check If-Match against the current ETag: False when the client accepts any (`*`)."""
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        raise PreconditionRequired()
    tags = [tag.strip() for tag in header.split(",")]
    if "*" in tags:
        return False
    if current not in tags:
        raise PreconditionFailed()
    return True


def expected_version(request, claim: Claim) -> int | None:
    """The version the client last read, from If-Match; None when it accepts any (`*`)."""
    return claim.version if _if_match(request, claim_etag(claim)) else None


class DeskMixin:
    permission_classes = [DeskPermissions]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class DeskClaimViewSet(
    DeskMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Every claim, drafts included, for the desk's tools."""

    queryset = Claim.objects.select_related("verdict").prefetch_related("evidence")
    serializer_class = s.DeskClaimSerializer
    filterset_class = DeskClaimFilter
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-z]{4,12}"

    def _answer(self, claim: Claim, code: int = status.HTTP_200_OK) -> Response:
        claim = self.get_queryset().get(pk=claim.pk)
        response = Response(self.get_serializer(claim).data, status=code)
        response["ETag"] = claim_etag(claim)
        return response

    def retrieve(self, request, *args, **kwargs):
        return self._answer(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # A new claim is a draft: nothing public to correct, so a reason has nothing to say.
        serializer.validated_data.pop("correction_reason", None)
        return self._answer(serializer.save(), status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH])
    def update(self, request, *args, partial: bool = False, **kwargs):
        claim = self.get_object()
        version = expected_version(request, claim)
        serializer = self.get_serializer(claim, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        reason = changes.pop("correction_reason", None)
        claim = workflow.claim_edit(
            claim=claim, by=request.user, changes=changes, expected_version=version, reason=reason
        )
        return self._answer(claim)

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _transition(self, request, function, body_serializer=None) -> Response:
        claim = self.get_object()
        version = expected_version(request, claim)
        values = {}
        if body_serializer is not None:
            body = body_serializer(data=request.data)
            body.is_valid(raise_exception=True)
            values = body.validated_data
        claim = function(claim=claim, by=request.user, expected_version=version, **values)
        return self._answer(claim)

    def get_permissions(self):
        if self.action in ("submit", "return_to_draft", "publish", "change_verdict", "withdraw"):
            # Reading the claim needs the view permission; the workflow checks the rest.
            return [permissions.IsAuthenticated(), _ViewClaimPermission()]
        return super().get_permissions()

    @extend_schema(summary="Submit a draft for review", request=None, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def submit(self, request, public_id=None):
        return self._transition(request, workflow.claim_submit_for_review)

    @extend_schema(summary="Return a claim in review to draft", request=None, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, public_id=None):
        return self._transition(request, workflow.claim_return_to_draft)

    @extend_schema(
        summary="Publish a reviewed claim (fact-checkers)",
        request=s.PublishSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, public_id=None):
        return self._transition(request, workflow.claim_publish, s.PublishSerializer)

    @extend_schema(
        summary="Change a published verdict (fact-checkers)",
        request=s.ChangeVerdictSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="change-verdict")
    def change_verdict(self, request, public_id=None):
        return self._transition(request, workflow.claim_change_verdict, s.ChangeVerdictSerializer)

    @extend_schema(
        summary="Withdraw a published claim (fact-checkers)",
        request=s.WithdrawSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, public_id=None):
        return self._transition(request, workflow.claim_withdraw, s.WithdrawSerializer)


class _ViewClaimPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("claims.view_claim")


class _DeskModelViewSet(
    DeskMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    # Ids the database can hold; a longer one matches no address instead of overflowing.
    lookup_value_regex = "[0-9]{1,18}"


def evidence_etag(evidence: Evidence) -> str:
    # Every change of a claim's evidence raises the claim's version, so the claim's version
    # says whether an evidence row is still as the client read it.
    return quote_etag(f"{evidence.claim.public_id}-v{evidence.claim.version}-e{evidence.pk}")


def expected_claim_version(request, evidence: Evidence) -> int | None:
    """The claim version an evidence edit was based on, from If-Match; None for `*`."""
    return evidence.claim.version if _if_match(request, evidence_etag(evidence)) else None


IF_MATCH_EVIDENCE = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=True,
    description="The evidence row's ETag, as last read; a stale one is refused with 412.",
)


class DeskEvidenceViewSet(mixins.DestroyModelMixin, _DeskModelViewSet):
    """Evidence rows: which source says what about which claim.

    An evidence change is an edit of its claim (claims/workflow/, claim_change_evidence):
    it raises the claim's version, a published claim must still meet the publishing rules
    afterwards, and changing or deleting a row needs its `ETag` in `If-Match`.
    """

    queryset = Evidence.objects.select_related("claim").order_by("claim_id", "position", "id")
    serializer_class = s.DeskEvidenceSerializer

    def retrieve(self, request, *args, **kwargs):
        evidence = self.get_object()
        response = Response(self.get_serializer(evidence).data)
        response["ETag"] = evidence_etag(evidence)
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data.pop("correction_reason", None)
        evidence = workflow.claim_change_evidence(
            claim=serializer.validated_data["claim"],
            by=request.user,
            change=serializer.save,
            reason=reason,
        )
        return self._answer(evidence, status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH_EVIDENCE])
    def update(self, request, *args, partial: bool = False, **kwargs):
        evidence = self.get_object()
        version = expected_claim_version(request, evidence)
        serializer = self.get_serializer(evidence, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        moved_to = serializer.validated_data.get("claim")
        if moved_to is not None and moved_to.pk != evidence.claim_id:
            raise exceptions.ValidationError(
                {"claim": [_("Evidence stays with its claim: add it to the other claim instead.")]}
            )
        reason = serializer.validated_data.pop("correction_reason", None)

        def change() -> Evidence:
            if version is None:
                # `If-Match: *`: the request's values go onto the row as it is now, under the
                # claim's lock, so a change saved since it was read stays.
                evidence.refresh_from_db()
            return serializer.save()

        evidence = workflow.claim_change_evidence(
            claim=evidence.claim,
            by=request.user,
            change=change,
            expected_version=version,
            reason=reason,
        )
        return self._answer(evidence)

    @extend_schema(parameters=[IF_MATCH_EVIDENCE])
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(parameters=[IF_MATCH_EVIDENCE])
    def destroy(self, request, *args, **kwargs):
        evidence = self.get_object()

        def refuse_if_public(claim: Claim) -> None:
            # As in the admin: the evidence behind a verdict readers have seen stays on record.
            if not workflow.claim_is_deletable(claim):
                raise exceptions.PermissionDenied(
                    _("This evidence backs a public verdict; it cannot be deleted.")
                )

        refuse_if_public(evidence.claim)
        version = expected_claim_version(request, evidence)

        def delete() -> None:
            # Again under the claim's lock: with `If-Match: *` it may have been published
            # since the check above.
            refuse_if_public(Claim.objects.get(pk=evidence.claim_id))
            evidence.delete()

        workflow.claim_change_evidence(
            claim=evidence.claim, by=request.user, change=delete, expected_version=version
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _answer(self, evidence: Evidence, code: int = status.HTTP_200_OK) -> Response:
        evidence = self.get_queryset().get(pk=evidence.pk)
        response = Response(self.get_serializer(evidence).data, status=code)
        response["ETag"] = evidence_etag(evidence)
        return response


class _CaptureSourcePermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("sources.change_source")


class CaptureFailed(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "capture_failed"


class DeskSourceViewSet(_DeskModelViewSet):
    queryset = Source.objects.select_related("publisher").order_by("title", "id")
    serializer_class = s.DeskSourceSerializer

    @property
    def documented_errors(self) -> dict:
        # A capture that keeps nothing (an error page, a refused address) is a 422.
        return {"POST": ["422"]} if self.action == "capture" else {}

    def get_permissions(self):
        if self.action == "capture":
            return [permissions.IsAuthenticated(), _CaptureSourcePermission()]
        return super().get_permissions()

    @extend_schema(
        request=None,
        responses={201: s.CaptureSerializer},
        summary="Capture an archived copy of the source's URL now",
        description="Fetches the URL (public addresses only, size and time capped), keeps "
        "the response as a WARC file and reads its text. 422 with the reason when nothing "
        "could be kept: the page answered an error, the address is not allowed, it is too "
        "large or too slow.",
    )
    @action(detail=True, methods=["post"])
    def capture(self, request, pk=None):
        source = self.get_object()
        try:
            capture = source_capture(source=source, by=request.user)
        except CaptureError as error:
            raise CaptureFailed(str(error)) from None
        data = s.CaptureSerializer(capture, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class DeskPublisherViewSet(_DeskModelViewSet):
    queryset = Publisher.objects.order_by("name", "id")
    serializer_class = s.PublisherWriteSerializer


class DeskArticleViewSet(_DeskModelViewSet):
    queryset = Article.objects.select_related("outlet").order_by("title", "id")
    serializer_class = s.DeskArticleSerializer


class TokenView(APIView):
    """Get a token for the desk's tools, or revoke your own."""

    documented_errors = {"POST": ["401", "429"]}

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return []

    @extend_schema(
        summary="Exchange a staff account's username and password for a token",
        request=s.TokenRequestSerializer,
        responses={200: s.TokenSerializer},
    )
    def post(self, request):
        body = s.TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        username = body.validated_data["username"]
        user = None
        # The admin sign-in's lockout: the same password guesses are no cheaper here.
        with login_throttle.attempt(request._request, username) as allowed:
            if allowed:
                user = authenticate(
                    request._request, username=username, password=body.validated_data["password"]
                )
                if user is not None and not user.is_staff:
                    login_throttle.refused_account(request._request, user)
                    user = None
                if user is not None:
                    login_throttle.signed_in(request._request, user.get_username())
        if not allowed:
            raise exceptions.Throttled(wait=login_throttle.cool_off_seconds())
        if user is None:
            raise exceptions.AuthenticationFailed(_("Unknown username or wrong password."))
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(summary="Revoke the token this request is made with", responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class _AddClaimPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("claims.add_claim")


class ExtractView(DeskMixin, APIView):
    """Find the figures in an article's text: candidate claims for the desk to accept or not."""

    permission_classes = [permissions.IsAuthenticated, _AddClaimPermission]

    @extend_schema(
        summary="Find candidate numeric claims in a text",
        request=s.ExtractRequestSerializer,
        responses={200: s.ExtractCandidateSerializer(many=True)},
    )
    def post(self, request):
        body = s.ExtractRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rows = article_candidates(body.validated_data["text"], body.validated_data.get("article"))
        return Response([s.extract_candidate_data(row) for row in rows])
