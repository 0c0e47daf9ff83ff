from django.urls import path, register_converter

from public.feeds import ArticleCorrectionsFeed, CorrectionsFeed
from public.views import archive, badges, embed, pages


class PublicIdConverter:
    # Loose on purpose: a malformed id still gets the neutral "not found" badge, not an error
    # page, and the views check the exact shape.
    regex = r"[^/.]{1,40}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublicIdConverter, "public_id")


class CaptureKeyConverter:
    regex = r"[A-Za-z0-9_-]{1,24}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CaptureKeyConverter, "capture_key")

app_name = "public"

urlpatterns = [
    path("", pages.home, name="home"),
    path("articles/<slug:slug>/", pages.article_detail, name="article"),
    path("claims/<public_id:public_id>/", pages.claim_detail, name="claim"),
    path("corrections/", pages.corrections, name="corrections"),
    path("corrections/feed/", CorrectionsFeed(), name="corrections-feed"),
    path(
        "articles/<slug:slug>/corrections/feed/",
        ArticleCorrectionsFeed(),
        name="article-corrections-feed",
    ),
    path("methodology/", pages.methodology, name="methodology"),
    path("archive/<capture_key:key>/", archive.archived_text, name="archived-text"),
    path("archive/<capture_key:key>/page", archive.archived_page, name="archived-page"),
    path("archive/<capture_key:key>.warc.gz", archive.archived_warc, name="archived-warc"),
    path("badge/<public_id:public_id>.svg", badges.badge_svg_view, name="badge-svg"),
    path("badge/<public_id:public_id>.json", badges.badge_json_view, name="badge-json"),
    path("embed/<public_id:public_id>/", embed.embed_card, name="embed"),
    path("embed/<public_id:public_id>.json", badges.embed_data_view, name="embed-data"),
    path("oembed/", embed.oembed, name="oembed"),
    path("badge.js", embed.badge_script, name="badge-script"),
    # Browsers ask for /favicon.ico whatever the page links; the icon itself is an SVG.
    path("favicon.ico", pages.favicon, name="favicon"),
]
