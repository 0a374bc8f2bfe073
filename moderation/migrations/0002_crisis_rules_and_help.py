"""Starting crisis signals in the service's four languages, national help lines, and,
on PostgreSQL, a trigger that keeps the audit log append-only at the database level.

Moderators extend the signals and resources in the admin; these are a floor.
"""

from django.db import migrations

CRISIS = {
    "en": {
        "suicide": ["kill myself", "killing myself", "suicid*", "end my life", "want to die", "don't want to live", "dont want to live"],
        "self_harm": ["self harm*", "self-harm*", "cut myself", "cutting myself", "hurt myself", "hurting myself"],
        "abuse": ["abus*", "rape*", "raped", "molest*", "he hits me", "she hits me", "they hit me", "touches me"],
    },
    "sv": {
        "suicide": ["ta livet av mig", "självmord*", "vill dö", "vill inte leva", "orkar inte leva"],
        "self_harm": ["skada mig själv", "skär mig", "självskad*"],
        "abuse": ["slår mig", "misshandl*", "våldt*", "övergrepp*", "tafsar på mig"],
    },
    "da": {
        "suicide": ["tage mit eget liv", "selvmord*", "vil dø", "vil ikke leve", "orker ikke at leve"],
        "self_harm": ["skade mig selv", "skærer i mig selv", "selvskad*"],
        "abuse": ["slår mig", "voldt*", "overgreb*", "mishandl*", "rører ved mig"],
    },
    "fi": {
        "suicide": ["tappaa itseni", "itsemurh*", "haluan kuolla", "en halua elää", "en jaksa elää"],
        "self_harm": ["satuttaa itseäni", "viillän itseäni", "viiltel*", "itsetuho*"],
        "abuse": ["lyö minua", "hyväksikäyt*", "raiskat*", "raiskas*", "pahoinpitel*"],
    },
}

HELP = [
    ("", "112", "112", "", "If you or someone else is in immediate danger, call the emergency number 112.", 0),
    ("en", "Børnetelefonen (Denmark)", "116 111", "https://bornetelefonen.dk/", "Free and anonymous, for children and young people up to 18.", 10),
    ("en", "BRIS (Sweden)", "116 111", "https://www.bris.se/", "Free and anonymous, for children and young people up to 18.", 11),
    ("en", "Livslinien (Denmark)", "70 201 201", "https://www.livslinien.dk/", "Anonymous counselling if you are thinking about suicide.", 12),
    ("en", "Mind Självmordslinjen (Sweden)", "90101", "https://mind.se/", "Phone and chat if you are thinking about suicide.", 13),
    ("en", "MIELI Crisis Helpline (Finland)", "09 2525 0111", "https://mieli.fi/", "Crisis support by phone.", 14),
    ("da", "Børnetelefonen", "116 111", "https://bornetelefonen.dk/", "Gratis og anonym rådgivning til børn og unge under 18.", 10),
    ("da", "Livslinien", "70 201 201", "https://www.livslinien.dk/", "Anonym rådgivning, hvis du har tanker om selvmord.", 11),
    ("sv", "BRIS", "116 111", "https://www.bris.se/", "Gratis och anonymt stöd för barn och unga upp till 18 år.", 10),
    ("sv", "Mind Självmordslinjen", "90101", "https://mind.se/", "Telefon och chatt om du har tankar på självmord.", 11),
    ("fi", "Sekasin-chat", "", "https://sekasin247.fi/", "Anonyymi chat 12–29-vuotiaille.", 10),
    ("fi", "MIELI Kriisipuhelin", "09 2525 0111", "https://mieli.fi/", "Keskusteluapua kriisissä puhelimitse.", 11),
]


def seed(apps, schema_editor):
    CrisisRule = apps.get_model("moderation", "CrisisRule")
    HelpResource = apps.get_model("moderation", "HelpResource")
    for language, categories in CRISIS.items():
        for category, patterns in categories.items():
            for pattern in patterns:
                CrisisRule.objects.get_or_create(pattern=pattern, language=language, defaults={"category": category})
    for language, name, phone, url, description, order in HELP:
        HelpResource.objects.get_or_create(
            name=name, language=language, defaults={"phone": phone, "url": url, "description": description, "sort_order": order}
        )


def append_only_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite is the embedded default; the model refuses updates and deletes there
    schema_editor.execute(
        """
        CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'The moderation audit log is append-only';
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER moderation_auditentry_append_only
            BEFORE UPDATE OR DELETE ON moderation_auditentry
            FOR EACH ROW EXECUTE FUNCTION moderation_audit_append_only();
        """
    )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS moderation_auditentry_append_only ON moderation_auditentry;"
            "DROP FUNCTION IF EXISTS moderation_audit_append_only();"
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(append_only_trigger, drop_trigger),
    ]
