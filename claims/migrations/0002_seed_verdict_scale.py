"""Seed the default verdict scale. A newsroom edits or extends it in the admin afterwards."""

from django.db import migrations

SCALE = [
    # code, English, Traditional Chinese, colour, rating, publishable, decisive, default,
    # description (en), description (zh-Hant)
    (
        "pending", "Pending", "查核中", "#6e7781", None, False, False, True,
        "Not yet rated: the desk is still checking this claim.",
        "尚未評定:查核團隊仍在查證這項說法。",
    ),
    (
        "accurate", "Accurate", "正確", "#1a7f37", 5, True, True, False,
        "The claim is correct and nothing significant is missing.",
        "說法正確,沒有遺漏重要資訊。",
    ),
    (
        "mostly-accurate", "Mostly accurate", "大致正確", "#4d8f1f", 4, True, True, False,
        "The claim is correct in substance but needs clarification or more context.",
        "說法大致正確,但需要補充說明或背景。",
    ),
    (
        "misleading", "Misleading", "易生誤解", "#b35900", 2, True, True, False,
        "The figures may be right, but the claim gives a wrong impression.",
        "數字或許無誤,但說法容易讓人產生錯誤印象。",
    ),
    (
        "inaccurate", "Inaccurate", "錯誤", "#cf222e", 1, True, True, False,
        "The claim is wrong.",
        "說法錯誤。",
    ),
    (
        "unverifiable", "Unverifiable", "無法查證", "#5a5fa8", None, True, False, False,
        "The evidence available does not let us confirm or refute the claim.",
        "現有證據不足以證實或否定這項說法。",
    ),
]


def seed(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    for position, row in enumerate(SCALE):
        code, en, zh, colour, rating, publishable, decisive, default, desc_en, desc_zh = row
        Verdict.objects.update_or_create(
            code=code,
            defaults=dict(
                label_en=en,
                label_zh_hant=zh,
                colour=colour,
                rating_value=rating,
                publishable=publishable,
                decisive=decisive,
                is_default=default,
                position=position,
                description_en=desc_en,
                description_zh_hant=desc_zh,
            ),
        )


def unseed(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    Verdict.objects.filter(code__in=[row[0] for row in SCALE], claims__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
