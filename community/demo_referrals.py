"""Demo entries for the referral register (the Navigator seed), for the five Nordic countries. Idempotent."""

from community.models import ReferralService

# (name, what it helps with, contact, hours, region, language)
DEMO_SERVICES = (
    # Denmark
    ("Sundhedsplejersken på skolen", "The school nurse: health, wellbeing, worries big and small.", "Ask at your school's office or on AULA.", "School days", "Denmark", "da"),
    ("Børne- og ungdomspsykiatrien", "Child and youth psychiatry, by referral from your GP.", "Through your GP (egen læge).", "Weekdays 8–15", "Denmark", "da"),
    ("Kommunal ungeindsats (KUI)", "Youth guidance centre: education, work and life after school, in one place.", "Your municipality's website.", "Weekdays", "Denmark", "da"),
    ("Børnetelefonen", "A national help line, free and anonymous, for children and young people up to 18.", "116 111 · https://bornetelefonen.dk/", "Every day 11–23", "Denmark", "da"),
    # Sweden
    ("Elevhälsan (skolsköterska, kurator, psykolog)", "The school nurse, counsellor and psychologist.", "Ask at your school's reception.", "School days", "Sweden", "sv"),
    ("BUP, barn- och ungdomspsykiatri", "Child and youth psychiatry.", "Through 1177: https://www.1177.se/", "Weekdays 8–16", "Sweden", "sv"),
    ("Ungdomsmottagningen", "Youth clinic: body, relationships, feelings; free for ages 13–25.", "https://www.umo.se/", "See your local clinic", "Sweden", "sv"),
    ("BRIS", "A national help line, free and anonymous, for children and young people up to 18.", "116 111 · https://www.bris.se/", "Every day", "Sweden", "sv"),
    # Finland
    ("Ohjaamo", "One-stop guidance centre for under-30s: study, work, housing and wellbeing.", "https://ohjaamot.fi/", "Weekdays", "Finland", "fi"),
    ("Koulukuraattori ja koulupsykologi", "The school social worker and psychologist.", "Ask at your school.", "School days", "Finland", "fi"),
    ("Nuorisopsykiatria", "Youth psychiatry, by referral from school or health centre.", "Through your health centre (terveysasema).", "Weekdays", "Finland", "fi"),
    ("Sekasin-chat", "Anonymous chat for 12–29-year-olds.", "https://sekasin247.fi/", "Every day", "Finland", "fi"),
    # Norway
    ("Helsesykepleier i skolehelsetjenesten", "The school health nurse: health, wellbeing and worries.", "Ask at your school.", "School days", "Norway", "nb"),
    ("BUP, psykisk helsevern for barn og unge", "Child and youth psychiatry, by referral from your GP.", "Through your GP (fastlege).", "Weekdays 8–15.30", "Norway", "nb"),
    ("Ung.no", "Public information and questions answered for young people.", "https://www.ung.no/", "Always open", "Norway", "nb"),
    ("Alarmtelefonen for barn og unge", "A national help line for children and young people who are unsafe.", "116 111 · https://www.116111.no/", "Every day", "Norway", "nb"),
    # Iceland (the service's interface has no Icelandic; the register says so)
    ("Hjálparsími Rauða krossins 1717", "The Red Cross help line and chat, free and confidential.", "1717 · https://www.1717.is/", "Every day, all day", "Iceland", ""),
)


def seed_referral_services() -> int:
    """Add the demo services that are missing (by name and region); returns how many were added."""
    added = 0
    for name, helps_with, contact, hours, region, language in DEMO_SERVICES:
        _service, created = ReferralService.objects.get_or_create(
            name=name,
            region=region,
            defaults={"helps_with": helps_with, "contact": contact, "hours": hours, "language": language},
        )
        added += created
    return added
