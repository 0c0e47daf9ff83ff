from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from api.docs import DocsView, SchemaView
from api.errors import not_found
from api.views import desk, public
from api.views.factcheck import FactCheckSearchView, GoogleAddressSearchView

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# One format per endpoint: no ".json" twins of every address (their actions cannot take them).
router.include_format_suffixes = False
router.register("claims", public.ClaimViewSet, basename="claim")
router.register("sources", public.SourceViewSet, basename="source")
router.register("articles", public.ArticleViewSet, basename="article")
router.register("verdicts", public.VerdictViewSet, basename="verdict")
router.register("desk/claims", desk.DeskClaimViewSet, basename="desk-claim")
router.register("desk/evidence", desk.DeskEvidenceViewSet, basename="desk-evidence")
router.register("desk/sources", desk.DeskSourceViewSet, basename="desk-source")
router.register("desk/publishers", desk.DeskPublisherViewSet, basename="desk-publisher")
router.register("desk/articles", desk.DeskArticleViewSet, basename="desk-article")

urlpatterns = [
    path("v1/claims:search", FactCheckSearchView.as_view(), name="claims-search"),
    # The same, at the path Google's clients build: only their root URL needs changing.
    path(
        "v1alpha1/claims:search",
        GoogleAddressSearchView.as_view(),
        name="claims-search-v1alpha1",
    ),
    path(
        "v1/claimreview-feed/",
        public.ClaimReviewFeedView.as_view(),
        name="claimreview-feed",
    ),
    path("v1/desk/token/", desk.TokenView.as_view(), name="desk-token"),
    path("v1/desk/extract/", desk.ExtractView.as_view(), name="desk-extract"),
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found),
]
