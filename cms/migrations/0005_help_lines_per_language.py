"""Help lines in every interface language (issue 14): "112" was one English text for everyone, and
Finnish and Norwegian readers had no child help line.

The help lines are data the organisation edits (Snippets → Help resources); this only adds what is
missing and moves the seeded English "112" text to English readers. A row an editor changed is left
as it is. 112 is the emergency number in Denmark, Sweden, Finland and Norway; 116 111 is the EU-wide
child help line number, answered in each country by its national line (Børnetelefonen, BRIS, MLL's
Lasten ja nuorten puhelin / Barnens och ungas telefon, Alarmtelefonen for barn og unge). Kors på
halsen (Norwegian Red Cross) has its own number, 800 33 321.

It lives in cms/ because it is content of the site as a whole; it writes moderation's table.
"""

from django.db import migrations

SEEDED_112 = "If you or someone else is in immediate danger, call the emergency number 112."

HELP = [
    # language, name, phone, url, description, order
    ("da", "112", "112", "", "Hvis du eller en anden er i akut fare, så ring til alarmnummeret 112.", 0),
    ("sv", "112", "112", "", "Om du eller någon annan är i akut fara, ring larmnumret 112.", 0),
    ("fi", "112", "112", "", "Jos sinä tai joku muu on välittömässä vaarassa, soita hätänumeroon 112.", 0),
    ("nb", "112", "112", "", "Hvis du eller noen andre er i akutt fare, ring nødnummeret 112.", 0),
    (
        "fi",
        "Lasten ja nuorten puhelin (MLL)",
        "116 111",
        "https://www.mll.fi/",
        "Maksuton ja nimetön tuki lapsille ja nuorille puhelimessa ja chatissa.",
        9,
    ),
    (
        "nb",
        "Alarmtelefonen for barn og unge",
        "116 111",
        "https://www.116111.no/",
        "Gratis hjelp for barn og unge som er utsatt for vold, overgrep eller omsorgssvikt.",
        9,
    ),
    (
        "nb",
        "Kors på halsen (Røde Kors)",
        "800 33 321",
        "https://www.rodekors.no/",
        "Gratis og anonymt samtaletilbud for barn og unge opp til 18 år, på telefon og chat.",
        10,
    ),
    (
        "en",
        "MLL Helpline for Children and Young People (Finland)",
        "116 111",
        "https://www.mll.fi/",
        "Free and anonymous, for children and young people.",
        15,
    ),
    (
        "en",
        "Alarmtelefonen for barn og unge (Norway)",
        "116 111",
        "https://www.116111.no/",
        "Free help for children and young people who are unsafe at home.",
        16,
    ),
]


def forwards(apps, schema_editor):
    HelpResource = apps.get_model("moderation", "HelpResource")
    # The seeded English sentence goes to English readers; every other language gets its own.
    HelpResource.objects.filter(name="112", language="", description=SEEDED_112).update(language="en")
    for language, name, phone, url, description, order in HELP:
        HelpResource.objects.get_or_create(
            name=name,
            language=language,
            site=None,
            defaults={"phone": phone, "url": url, "description": description, "sort_order": order},
        )


def backwards(apps, schema_editor):
    HelpResource = apps.get_model("moderation", "HelpResource")
    for language, name, _phone, _url, description, _order in HELP:
        HelpResource.objects.filter(name=name, language=language, description=description).delete()
    HelpResource.objects.filter(name="112", language="en", description=SEEDED_112).update(language="")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_heartbeat"),
        ("moderation", "0012_phone_norwegian"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
