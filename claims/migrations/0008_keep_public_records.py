"""The database itself refuses to delete what readers have seen (PostgreSQL only).

The admin, the API and the models already refuse to delete a published or withdrawn claim
and every entry of the correction log. These triggers hold the same line for anyone who
reaches the database another way: a script, a shell, raw SQL. A claim that readers have seen
is withdrawn, never deleted; the correction log only grows.

SQLite, the development database, gets no trigger: Django empties its tables with DELETE
(`manage.py flush`, transactional tests), which a trigger would refuse. PostgreSQL empties
them with TRUNCATE, which row triggers do not see, so a deliberate full wipe stays possible.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION claims_keep_public_claim() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN ('published', 'withdrawn') THEN
        RAISE EXCEPTION 'claim % has been public: withdraw it, never delete it', OLD.slug
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_claim_keep_public BEFORE DELETE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_keep_public_claim();

CREATE OR REPLACE FUNCTION claims_keep_verdict_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the correction log only grows: entry % cannot be deleted', OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_verdictchange_keep BEFORE DELETE ON claims_verdictchange
    FOR EACH ROW EXECUTE FUNCTION claims_keep_verdict_change();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS claims_verdictchange_keep ON claims_verdictchange;
DROP FUNCTION IF EXISTS claims_keep_verdict_change();
DROP TRIGGER IF EXISTS claims_claim_keep_public ON claims_claim;
DROP FUNCTION IF EXISTS claims_keep_public_claim();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_dismissed_extraction_candidates")]

    operations = [migrations.RunPython(create, drop)]
