"""Has this been checked before? Character-trigram similarity on both databases."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.similarity import similarity, trigrams

pytestmark = pytest.mark.django_db


class TestTrigrams:
    def test_it_pads_words_like_pg_trgm(self):
        assert trigrams("cat") == {"  c", " ca", "cat", "at "}

    def test_it_splits_on_punctuation_and_lowercases(self):
        assert trigrams("A-B") == {"  a", " a ", "  b", " b "}

    def test_it_treats_a_chinese_sentence_as_one_word(self):
        assert trigrams("失業率") == {"  失", " 失業", "失業率", "業率 "}

    def test_identical_texts_score_one(self):
        assert similarity("青年失業率", "青年失業率") == 1.0

    def test_unrelated_texts_score_zero(self):
        assert similarity("青年失業率", "visa fee") == 0.0
        assert similarity("", "anything") == 0.0

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with pg_trgm")
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("8月16-24歲青年失業率升至18.9%", "青年失業率升至18.9%"),
            ("youth unemployment rose", "Youth Unemployment Rate"),
            ("H-1B 工作簽證", "H-1B visa fee"),
        ],
    )
    def test_it_scores_like_postgresql(self, a, b):
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity(%s, %s)", [a, b])
            (expected,) = cursor.fetchone()
        assert similarity(a, b) == pytest.approx(expected, abs=1e-6)


class TestSimilarEndpoint:
    def test_it_answers_with_scores(self, api, registry):
        response = api.get("/api/v1/claims/similar/", {"text": "青年失業率升至18.9%"})
        assert response.status_code == 200
        (best, *_rest) = response.json()
        assert best["claim"]["id"] == registry["youth"].public_id
        assert 0 < best["score"] <= 1

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({}, "text"),
            ({"text": ""}, "text"),
            ({"text": "x" * 2001}, "text"),
            ({"text": "visa", "limit": "0"}, "limit"),
            ({"text": "visa", "limit": "51"}, "limit"),
            ({"text": "visa", "limit": "many"}, "limit"),
        ],
    )
    def test_it_refuses_bad_input(self, api, registry, params, field):
        response = api.get("/api/v1/claims/similar/", params)
        assert response.status_code == 400
        assert field in response.json()["errors"]
