"""Every stored address is an RFC 3986 URI, so the API's `format: uri` holds: what an editor
pastes is percent-encoded on every path that writes it (admin, desk API, loader), and an
address that is already valid is stored exactly as given."""

from __future__ import annotations

import json
from io import StringIO

import jsonschema_rs
import pytest
from django.core.management import call_command
from django.db import connection

from claims.models import Article
from sources.models import Publisher, Source
from sources.uri import normalise_url
from tests.fixtures_data.conftest import SHIPPED

URI = jsonschema_rs.validator_for({"type": "string", "format": "uri"}, validate_formats=True)

HOSTILE = 'https://example.org/report?q="><script>alert(1)</script>'
HOSTILE_STORED = "https://example.org/report?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"

CASES = [
    (HOSTILE, HOSTILE_STORED),
    ("https://example.org/a b/c", "https://example.org/a%20b/c"),
    ("https://example.org/p?x=<y>&z={1}|^`", "https://example.org/p?x=%3Cy%3E&z=%7B1%7D%7C%5E%60"),
    ("https://example.org/100%/x%zz", "https://example.org/100%25/x%25zz"),
    ("https://example.org/#one#two", "https://example.org/#one%23two"),
    ("https://example.org/a[1]", "https://example.org/a%5B1%5D"),
    ("https://example.org/a\\b", "https://example.org/a%5Cb"),
    (
        "https://www.hk01.com/即時中國/1",
        "https://www.hk01.com/%E5%8D%B3%E6%99%82%E4%B8%AD%E5%9C%8B/1",
    ),
    ("https://例子.中国/路径", "https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"),
    ("HTTPS://example.org/A", "https://example.org/A"),
    ("https://example.org/split\n/line", "https://example.org/split/line"),
    ("https://a@b@example.org/", "https://a%40b@example.org/"),
]
UNCHANGED = [
    "https://example.org/",
    "https://Example.org/A%e5?x=1+2&y=%20#frag",
    "https://www.hk01.com/%E5%8D%B3%E6%99%82/60281638/x",
    "https://gwgpac.org/page91?article_id=3496&pagenum=1",
    "http://user:pass@example.org:8080/a/./b/../c;p?q=/?#f/?",
    "https://[2001:db8::1]:8443/x",
    "https://example.org/~a-b_c.d!$&'()*+,;=:@",
]
NOT_HTTP = ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "example.org/x", ""]


@pytest.mark.parametrize("given,stored", CASES)
def test_it_percent_encodes_what_a_uri_may_not_hold(given, stored):
    assert normalise_url(given) == stored
    assert URI.is_valid(stored)
    assert normalise_url(stored) == stored


@pytest.mark.parametrize("url", UNCHANGED)
def test_a_valid_uri_is_kept_exactly(url):
    assert URI.is_valid(url)
    assert normalise_url(url) == url


@pytest.mark.parametrize("url", NOT_HTTP)
def test_anything_but_an_http_address_is_left_for_the_validators(url):
    assert normalise_url(url) == url


def test_every_address_in_the_shipped_file_is_kept_exactly():
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    urls = [r["url"] for kind in ("publishers", "sources", "articles") for r in data[kind]]
    urls += [r["archive_url"] for r in data["sources"]]
    urls += [r["copy_of"]["url"] for r in data["sources"] if r.get("copy_of")]
    urls = [url for url in urls if url]
    assert len(urls) > 100
    assert [url for url in urls if normalise_url(url) != url] == []


# Every path that writes an address ----------------------------------------------------------


def _desk_post(world, kind, body):
    return world.client("superuser").post(
        f"/api/v1/desk/{kind}/", json.dumps(body), content_type="application/json"
    )


DESK = [
    ("sources", lambda w: {"slug": "s", "title": "T", "publisher": w.publisher.slug}, "url"),
    (
        "sources",
        lambda w: {"slug": "s", "title": "T", "publisher": w.publisher.slug},
        "archive_url",
    ),
    (
        "sources",
        lambda w: {
            "slug": "s",
            "title": "T",
            "publisher": w.publisher.slug,
            "kind": "copy",
            "original_title": "The original",
            "copy_reliability": "unknown",
        },
        "original_url",
    ),
    ("articles", lambda w: {"slug": "a", "title": "T", "outlet": w.publisher.slug}, "url"),
    ("publishers", lambda w: {"slug": "p", "name": "P"}, "url"),
]
MODELS = {"sources": Source, "articles": Article, "publishers": Publisher}


@pytest.mark.parametrize("kind,body,field", DESK, ids=[f"{k}.{f}" for k, _b, f in DESK])
def test_the_desk_api_stores_a_uri(world, kind, body, field):
    response = _desk_post(world, kind, {**body(world), field: HOSTILE})
    assert response.status_code == 201, response.content
    assert response.json()[field] == HOSTILE_STORED
    stored = MODELS[kind].objects.get(slug=body(world)["slug"])
    assert getattr(stored, field) == HOSTILE_STORED


def test_the_desk_api_refuses_an_address_too_long_once_encoded(world):
    url = "https://example.org/" + "路" * 600  # 620 characters typed, 5,420 as a URI
    body = {"slug": "s", "title": "T", "publisher": world.publisher.slug, "url": url}
    response = _desk_post(world, "sources", body)
    assert response.status_code == 400
    assert "url" in response.json()["errors"]
    assert not Source.objects.filter(slug="s").exists()


@pytest.mark.parametrize("field", ["url", "archive_url", "original_url"])
def test_the_admin_stores_a_uri(world, field):
    data = {"slug": "s", "title": "T", "publisher": world.publisher.pk, "kind": "other"}
    if field == "original_url":
        data.update(kind="copy", original_title="The original", copy_reliability="unknown")
    response = world.client("superuser").post(
        "/admin/sources/source/add/", {**data, field: HOSTILE}
    )
    assert response.status_code == 302
    assert getattr(Source.objects.get(slug="s"), field) == HOSTILE_STORED


@pytest.mark.parametrize(
    "path,data",
    [
        ("/admin/sources/publisher/add/", lambda w: {"slug": "p", "name": "P"}),
        (
            "/admin/claims/article/add/",
            lambda w: {
                "slug": "a",
                "title": "T",
                "outlet": w.publisher.pk,
                "language": "en",
                "claims-TOTAL_FORMS": 0,
                "claims-INITIAL_FORMS": 0,
            },
        ),
    ],
    ids=["publisher", "article"],
)
def test_the_admin_stores_a_uri_for_articles_and_publishers(world, path, data):
    response = world.client("superuser").post(path, {**data(world), "url": HOSTILE})
    assert response.status_code == 302
    model = Publisher if "publisher" in path else Article
    assert model.objects.get(slug=data(world)["slug"]).url == HOSTILE_STORED


def test_the_admin_refuses_an_address_too_long_once_encoded(world):
    url = "https://example.org/" + "路" * 600
    data = {"slug": "s", "title": "T", "publisher": world.publisher.pk, "kind": "other"}
    response = world.client("superuser").post("/admin/sources/source/add/", {**data, "url": url})
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Source.objects.filter(slug="s").exists()


def test_any_other_write_stores_a_uri(world):
    publisher = Publisher.objects.create(slug="p", name="P", url=HOSTILE)
    assert Publisher.objects.get(pk=publisher.pk).url == HOSTILE_STORED
    Publisher.objects.filter(pk=publisher.pk).update(url=HOSTILE + "&again")
    assert Publisher.objects.get(pk=publisher.pk).url == HOSTILE_STORED + "&again"


def test_the_public_api_answers_with_its_schemas_uri(world, client):
    source = Source.objects.get(pk=world.source.pk)
    source.url = HOSTILE
    source.save()
    body = client.get(f"/api/v1/sources/{source.pk}/").json()
    assert body["url"] == HOSTILE_STORED
    assert URI.is_valid(body["url"])
    page = client.get(f"/claims/{world.published.public_id}/").content.decode()
    assert "<script>alert(1)" not in page
    assert f'href="{HOSTILE_STORED}"' in page


def test_the_loader_stores_a_uri_and_says_so(db, verdicts, tmp_path):
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["sources"][0]["url"] = HOSTILE
    path = tmp_path / SHIPPED.name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / data["articles"][0]["text_file"]).write_bytes(
        (SHIPPED.parent / data["articles"][0]["text_file"]).read_bytes()
    )
    out = StringIO()
    call_command("load_article", str(path), stdout=out)
    slug = data["sources"][0]["slug"]
    assert Source.objects.get(slug=slug).url == HOSTILE_STORED
    assert f"normalised source '{slug}': field 'url': stored as '{HOSTILE_STORED}'." in (
        out.getvalue()
    )
    again = StringIO()
    call_command("load_article", str(path), stdout=again)
    assert "sources: 0 created, 0 updated" in again.getvalue()


def test_the_shipped_file_loads_with_nothing_normalised(db, verdicts):
    out = StringIO()
    call_command("load_article", stdout=out)
    assert "normalised" not in out.getvalue()


def _store_as_typed(model, pk: int, field: str, url: str) -> None:
    """Write an address the way rows were written before: as typed (even update() now
    stores the URI, through the field's to_python)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET {field} = %s WHERE id = %s",  # noqa: S608
            [url, pk],
        )


def test_addresses_stored_before_are_normalised_once(world):
    _store_as_typed(Source, world.secret_source.pk, "archive_url", HOSTILE)
    _store_as_typed(Publisher, world.publisher.pk, "url", "https://example.org/a b")
    _store_as_typed(Article, world.published.article_id, "url", "https://例子.中国/")
    valid = Source.objects.get(pk=world.source.pk)
    rows = valid.history.count()

    dry = StringIO()
    call_command("normalise_urls", "--dry-run", stdout=dry)
    assert "3 rows would change" in dry.getvalue()
    assert Source.objects.get(pk=world.secret_source.pk).archive_url == HOSTILE

    out = StringIO()
    call_command("normalise_urls", stdout=out)
    assert "3 rows changed, 0 left as they were." in out.getvalue()
    assert Source.objects.get(pk=world.secret_source.pk).archive_url == HOSTILE_STORED
    assert Publisher.objects.get(pk=world.publisher.pk).url == "https://example.org/a%20b"
    assert (
        Article.objects.get(pk=world.published.article_id).url == "https://xn--fsqu00a.xn--fiqs8s/"
    )
    assert Source.objects.get(pk=world.source.pk).url == valid.url
    assert valid.history.count() == rows

    again = StringIO()
    call_command("normalise_urls", stdout=again)
    assert "0 rows changed" in again.getvalue()


def test_an_address_another_row_already_has_is_left_and_reported(world):
    Source.objects.filter(pk=world.source.pk).update(url=HOSTILE_STORED)
    _store_as_typed(Source, world.secret_source.pk, "url", HOSTILE)
    out, err = StringIO(), StringIO()
    call_command("normalise_urls", stdout=out, stderr=err)
    assert "0 rows changed, 1 left as they were." in out.getvalue()
    assert "another row has this address" in err.getvalue()
    assert Source.objects.get(pk=world.secret_source.pk).url == HOSTILE
