"""Every address we store and render is http(s): script and data URLs are refused at the
admin form, the API and the database, whatever their case or the junk in front of them."""

from __future__ import annotations

import json
import re

import pytest
from django.db import IntegrityError, transaction

from claims.models import Article
from sources.models import Publisher, Source

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\nscript:alert(1)",
    "javascript://example.org/%0aalert(1)",
    "ftp://example.org/file",
]

# (desk API address, body without the url, field) for every address field we keep.
FIELDS = [
    ("sources", lambda w: {"slug": "s", "title": "T", "publisher": w.publisher.slug}, "url"),
    (
        "sources",
        lambda w: {"slug": "s", "title": "T", "publisher": w.publisher.slug},
        "archive_url",
    ),
    ("articles", lambda w: {"slug": "a", "title": "T", "outlet": w.publisher.slug}, "url"),
    ("publishers", lambda w: {"slug": "p", "name": "P"}, "url"),
]


def _desk_post(world, kind, body):
    return world.client("superuser").post(
        f"/api/v1/desk/{kind}/", json.dumps(body), content_type="application/json"
    )


@pytest.mark.parametrize("url", HOSTILE)
@pytest.mark.parametrize("kind,body,field", FIELDS, ids=[f"{k}.{f}" for k, _b, f in FIELDS])
def test_the_api_refuses_a_script_address(world, kind, body, field, url):
    before = (Source.objects.count(), Article.objects.count(), Publisher.objects.count())
    response = _desk_post(world, kind, {**body(world), field: url})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["errors"]
    assert (Source.objects.count(), Article.objects.count(), Publisher.objects.count()) == before


@pytest.mark.parametrize("url", HOSTILE)
@pytest.mark.parametrize("field", ["url", "archive_url"])
def test_the_admin_form_refuses_a_script_address(world, field, url):
    response = world.client("superuser").post(
        "/admin/sources/source/add/",
        {"slug": "s", "title": "T", "publisher": world.publisher.pk, "kind": "other", field: url},
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Source.objects.filter(slug="s").exists()


@pytest.mark.parametrize("url", HOSTILE)
def test_the_admin_form_refuses_a_script_address_for_a_publisher(world, url):
    response = world.client("superuser").post(
        "/admin/sources/publisher/add/", {"slug": "p", "name": "P", "url": url}
    )
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors


@pytest.mark.parametrize("url", [u for u in HOSTILE if u.strip().startswith(("j", "J", "d"))])
@pytest.mark.parametrize(
    "model,field",
    [(Source, "url"), (Source, "archive_url"), (Article, "url"), (Publisher, "url")],
)
def test_the_database_refuses_a_script_address_written_past_validation(world, model, field, url):
    row = model.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: url})


def test_an_upper_case_scheme_is_stored_in_lower_case(world):
    response = _desk_post(
        world,
        "sources",
        {
            "slug": "loud",
            "title": "Loud",
            "publisher": world.publisher.slug,
            "url": "HTTPS://Example.org/Path",
        },
    )
    assert response.status_code == 201, response.content
    assert Source.objects.get(slug="loud").url == "https://Example.org/Path"


HREF = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


@pytest.mark.parametrize(
    "page",
    [
        lambda w: f"/claims/{w.published.public_id}/",
        lambda w: f"/claims/{w.withdrawn.public_id}/",
        lambda w: f"/articles/{w.published.article.slug}/",
        lambda w: f"/embed/{w.published.public_id}/",
        lambda w: "/",
        lambda w: "/corrections/",
        lambda w: "/methodology/",
    ],
    ids=["claim", "withdrawn", "article", "embed", "home", "corrections", "methodology"],
)
def test_every_link_on_a_public_page_is_http_or_our_own(client, world, page):
    Publisher.objects.filter(pk=world.publisher.pk).update(url="https://www.stats.gov.cn/")
    Article.objects.filter(pk=world.published.article_id).update(url="http://example.org/k")
    html = client.get(page(world)).content.decode()
    links = HREF.findall(html)
    assert links
    for link in links:
        assert link.startswith(("https://", "http://", "/", "#")), link
