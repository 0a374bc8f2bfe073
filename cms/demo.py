"""Demo content for a first run: four spaces, one at each level.

The guidance content is realistic but general; dates of real application
rounds change every year, so the pages keep pointing to the official sources.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from community.tiers import Tier

from .models import CommunitySpacePage, HomePage, InformationPage, UpdatePage

HOME_INTRO = (
    "<p>Ask about schools, studies and jobs, hear how others did it, and get answers you can trust "
    "from study and career counsellors. Other members only see your display name.</p>"
)

# The demo's translated content (wagtail-localize): the home page and the first space in Danish,
# so a visitor who picks Danish sees CMS content in Danish, and English where nothing is translated.
DANISH = {
    "home": {
        "intro": (
            "<p>Spørg om skoler, uddannelser og job, hør hvordan andre gjorde, og få svar, du kan stole på, "
            "fra studie- og karrierevejledere. Andre medlemmer ser kun dit visningsnavn.</p>"
        ),
    },
    "choosing-upper-secondary": {
        "title": "Valg af ungdomsuddannelse",
        "intro": (
            "<p>For elever i de sidste klasser i grundskolen og deres forældre: vejene efter grundskolen, "
            "hvordan de er forskellige, og hvordan man søger. Vejlederne skriver frister og datoer for "
            "åbent hus her.</p>"
        ),
    },
}


def _link(url, title, source, note=""):
    return ("quality_link", {"url": url, "title": title, "source": source, "note": note})


def _text(html):
    return ("text", RichText(html))


SPACES = [
    {
        "slug": "choosing-upper-secondary",
        "title": "Choosing upper secondary school",
        "tier": Tier.EMERGENCE,
        "intro": (
            "<p>For pupils in the last years of compulsory school, and their parents: the routes after "
            "compulsory school, how they differ and how to apply. Counsellors post deadlines and "
            "open-house dates here.</p>"
        ),
        "information": [
            {
                "slug": "your-options-after-compulsory-school",
                "title": "Your options after compulsory school",
                "summary": "General upper secondary prepares you for further studies; vocational "
                "education gives you a trade, and often eligibility for higher education too.",
                "body": [
                    ("heading", "General upper secondary education"),
                    _text(
                        "<p>General programmes prepare you for higher education. In Denmark they are "
                        "STX, HHX and HTX (three years) and HF (two years); in Sweden the "
                        "higher-education preparatory national programmes; in Finland <i>lukio</i>; in "
                        "Norway <i>studieforberedende</i> programmes.</p>"
                    ),
                    ("heading", "Vocational education and training"),
                    _text(
                        "<p>Vocational programmes combine school with workplace training and lead to a "
                        "trade. Many also open the way to higher education: the Danish EUX gives both a "
                        "trade and a general upper secondary qualification, Finnish vocational "
                        "qualifications give general eligibility for higher education, and Swedish "
                        "vocational programmes let you add the courses for basic eligibility.</p>"
                    ),
                    _text(
                        "<p>Not sure? Think about how you like to learn (by doing, by reading, in "
                        "projects), what you are curious about, and talk to your school's counsellor. "
                        "Choosing one route does not close the others for ever.</p>"
                    ),
                    _link(
                        "https://www.ug.dk/",
                        "UddannelsesGuiden: all Danish education programmes",
                        "The Danish Ministry of Children and Education",
                        "The official Danish guide to education and jobs, kept up to date each year.",
                    ),
                    _link(
                        "https://www.utbildningsinfo.se/",
                        "Utbildningsinfo: upper secondary programmes in Sweden",
                        "Skolverket, the Swedish National Agency for Education",
                    ),
                    _link(
                        "https://opintopolku.fi/",
                        "Opintopolku: studies and applications in Finland",
                        "The Finnish National Agency for Education",
                    ),
                ],
            },
            {
                "slug": "how-to-apply-for-upper-secondary",
                "title": "How to apply for upper secondary school",
                "summary": "Where and when to apply in Denmark, Sweden, Finland and Norway, and what "
                "happens after you have applied.",
                "body": [
                    _text(
                        "<p>You apply once, through a national or municipal service, and rank the "
                        "programmes you want. Dates change a little every year, so always check the "
                        "official site.</p>"
                    ),
                    _text(
                        "<ul><li><b>Denmark:</b> apply on optagelse.dk; the deadline is usually 1 "
                        "March.</li><li><b>Sweden:</b> apply through your municipality's or region's "
                        "admission service, usually in January or February; you can change your choices "
                        "in spring.</li><li><b>Finland:</b> the joint application (<i>yhteishaku</i>) in "
                        "Opintopolku, usually in February and March.</li><li><b>Norway:</b> apply on "
                        "vigo.no; the deadline is usually 1 March.</li></ul>"
                    ),
                    _link(
                        "https://www.optagelse.dk/",
                        "Optagelse.dk: apply for Danish upper secondary education",
                        "The Danish Agency for IT and Learning",
                    ),
                    _link(
                        "https://www.vilbli.no/",
                        "Vilbli: upper secondary education in Norway",
                        "Norway's county authorities",
                    ),
                ],
            },
        ],
        "updates": [
            {
                "slug": "applications-open-in-february",
                "title": "Applications for upper secondary open in February",
                "days_ago": 2,
                "deadline": datetime.date(2027, 3, 1),
                "body": "<p>The application round for next year opens in February, and in Denmark and "
                "Norway the deadline is 1 March. Use the weeks before to visit schools and talk the "
                "choice through at home. Your class counsellor can help you compare programmes.</p>",
            },
            {
                "slug": "open-house-evenings-in-january",
                "title": "Open-house evenings in January",
                "days_ago": 9,
                "deadline": None,
                "body": "<p>Most upper secondary schools and vocational colleges hold open-house "
                "evenings in January. Go to at least two different kinds of school: the atmosphere "
                "and the way of teaching often say more than the brochure.</p>",
            },
        ],
    },
    {
        "slug": "after-upper-secondary",
        "title": "After upper secondary",
        "tier": Tier.APPLICATION,
        "intro": (
            "<p>Higher education, a gap year, work or travel? Read the counsellors' information and "
            "send a private message to the counsellor team about your own plans.</p>"
        ),
        "information": [
            {
                "slug": "applying-to-higher-education",
                "title": "Applying to higher education in the Nordic countries",
                "summary": "One national application service per country, with deadlines in spring and "
                "early summer.",
                "body": [
                    _text(
                        "<ul><li><b>Denmark:</b> optagelse.dk. Quota 2 (admission on other criteria "
                        "than grades alone) closes on 15 March at 12:00; quota 1 (grades) on 5 July at "
                        "12:00.</li><li><b>Sweden:</b> antagning.se; for the autumn semester the "
                        "deadline is 15 April.</li><li><b>Finland:</b> the joint application to higher "
                        "education in Opintopolku, with the main round in spring.</li><li><b>Norway:</b> "
                        "samordnaopptak.no; the deadline is 15 April.</li></ul>"
                    ),
                    _link(
                        "https://www.ug.dk/",
                        "UddannelsesGuiden: admission requirements and quotas",
                        "The Danish Ministry of Children and Education",
                    ),
                    _link(
                        "https://www.antagning.se/",
                        "Antagning.se: apply to Swedish universities",
                        "The Swedish Council for Higher Education",
                    ),
                ],
            },
            {
                "slug": "taking-a-gap-year",
                "title": "Taking a gap year",
                "summary": "Work, a folk high school, volunteering or travel: a gap year can help you "
                "choose, if you plan it.",
                "body": [
                    _text(
                        "<p>A year between upper secondary and further studies is common in the Nordic "
                        "countries. Folk high schools (folkehøjskole, folkhögskola, kansanopisto) offer "
                        "courses from a few weeks to a year without exams. Working for a year can give "
                        "you savings and experience that also counts in some quota-2 applications.</p>"
                    ),
                    _text(
                        "<p>Make a plan for when you will apply, so the gap year does not quietly turn "
                        "into two. A counsellor can help you set up that plan.</p>"
                    ),
                ],
            },
        ],
        "updates": [
            {
                "slug": "quota-2-deadline-15-march",
                "title": "Quota 2 applications close on 15 March at 12:00",
                "days_ago": 1,
                "deadline": datetime.date(2027, 3, 15),
                "body": "<p>If you apply to a Danish programme through quota 2, your application and "
                "documentation must be in by 15 March at 12:00 noon. Start your motivated "
                "application early, and ask us if you are unsure what to upload.</p>",
            },
            {
                "slug": "university-open-days-february",
                "title": "Universities' open days in February",
                "days_ago": 12,
                "deadline": None,
                "body": "<p>Most universities and university colleges hold open days in February. "
                "Sit in on a lecture and talk to students: ask them what a normal week looks like.</p>",
            },
        ],
    },
    {
        "slug": "first-job",
        "title": "First job",
        "tier": Tier.INTEGRATION,
        "intro": (
            "<p>Summer jobs, weekend jobs and your first real job: ask on the wall, answer each "
            "other, and discuss the counsellors' updates.</p>"
        ),
        "information": [
            {
                "slug": "your-rights-under-18",
                "title": "Your rights when you work under 18",
                "summary": "Young workers have extra protection: limits on hours, no night work, rest "
                "breaks, and some tasks are off limits.",
                "body": [
                    _text(
                        "<p>If you are under 18, the law limits how many hours you may work, especially "
                        "on school days, and you may not work at night. You have a right to breaks and "
                        "to rest between shifts, and some dangerous machines and substances are off "
                        "limits. The exact rules depend on your country and your age.</p>"
                    ),
                    _text(
                        "<p>You should always get a written contract or a written statement of your "
                        "terms, and a payslip. If something feels wrong, talk to an adult you trust, "
                        "the union for young workers, or us.</p>"
                    ),
                    _link(
                        "https://at.dk/",
                        "Young people at work (Denmark)",
                        "The Danish Working Environment Authority",
                    ),
                    _link(
                        "https://www.av.se/",
                        "Minderåriga i arbetslivet (Sweden)",
                        "The Swedish Work Environment Authority",
                    ),
                    _link(
                        "https://tyosuojelu.fi/",
                        "Young workers (Finland)",
                        "The Finnish occupational safety and health authorities",
                    ),
                ],
            },
            {
                "slug": "writing-your-first-cv",
                "title": "Writing your first CV",
                "summary": "No work experience yet? Show what you have done at school, in clubs and "
                "at home, and keep it to one page.",
                "body": [
                    _text(
                        "<ol><li>Start with your name, phone and e-mail (not your national identity "
                        "number).</li><li>Write two or three lines about who you are and what job you "
                        "are looking for.</li><li>List school, courses, volunteering, sports and "
                        "responsibilities such as babysitting or helping in a family business.</li>"
                        "<li>Ask a teacher or a former boss if they may be your reference.</li></ol>"
                    ),
                ],
            },
        ],
        "updates": [
            {
                "slug": "summer-jobs-apply-early",
                "title": "Summer jobs: many employers recruit in February to April",
                "days_ago": 3,
                "deadline": datetime.date(2027, 4, 1),
                "body": "<p>Supermarkets, municipalities and amusement parks often fill their summer "
                "jobs by April. Have your CV ready now, and tell us on the wall where you plan to "
                "apply: others may have tips.</p>",
            },
            {
                "slug": "job-fair-at-the-library",
                "title": "Job fair for young people at the city library",
                "days_ago": 6,
                "deadline": datetime.date(2027, 2, 4),
                "body": "<p>Local employers meet young job seekers at the city library on 4 February. "
                "Bring a printed CV; counsellors will be there to help with applications.</p>",
            },
        ],
    },
    {
        "slug": "changing-direction",
        "title": "Changing direction",
        "tier": Tier.TRANSFORMATION,
        "intro": (
            "<p>Started something that does not fit? Thinking of switching programme or leaving "
            "school for work? Here members and counsellors work it out together, and peer guides "
            "help keep the best answers up to date.</p>"
        ),
        "information": [
            {
                "slug": "switching-study-programme",
                "title": "Switching study programme",
                "summary": "Talk to a counsellor before you drop out: credit transfer, re-application "
                "and grants all depend on timing.",
                "body": [
                    _text(
                        "<p>Many people change programme, and it is often the right choice. Before you "
                        "leave, find out whether courses you have passed can be transferred, when you "
                        "can apply for the new programme, and what happens to your student grant.</p>"
                    ),
                    _text(
                        "<p>Your institution's study counsellor knows the local rules. We can help you "
                        "think through what you want instead.</p>"
                    ),
                ],
            },
            {
                "slug": "student-grants-when-you-switch",
                "title": "Student grants when you switch",
                "summary": "Student grants are limited in time; a switch can use up months you may "
                "need later.",
                "body": [
                    _text(
                        "<p>In all Nordic countries the state student grant covers a limited number of "
                        "months. Months used on a programme you leave usually count against your total, "
                        "so check your remaining months before you decide.</p>"
                    ),
                    _link("https://www.su.dk/", "SU: Danish student grants", "The Danish Agency for Higher Education and Science"),
                    _link("https://www.csn.se/", "CSN: Swedish student finance", "The Swedish Board of Student Finance"),
                    _link("https://www.kela.fi/", "Kela: Finnish student financial aid", "Kela, the Social Insurance Institution of Finland"),
                ],
            },
        ],
        "updates": [
            {
                "slug": "thinking-of-dropping-out",
                "title": "Thinking of dropping out? Talk to someone first",
                "days_ago": 4,
                "deadline": None,
                "body": "<p>Around this time of year many first-year students wonder whether they chose "
                "right. You are not alone, and there is no shame in changing. Ask here or write to "
                "the counsellors privately before you decide.</p>",
            },
            {
                "slug": "winter-admission",
                "title": "Winter admission: some programmes start in February",
                "days_ago": 8,
                "deadline": None,
                "body": "<p>Some programmes admit students for a February start. Deadlines vary by "
                "institution, so check the programme's own page now if you want to switch this "
                "winter.</p>",
            },
        ],
    },
]


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(page: Page, *, user, published_at=None) -> None:
    page.save_revision(user=user, log_action=False).publish(log_action=False)
    if published_at is not None:
        # Spread the demo updates over the last weeks so "latest" means something.
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )


@transaction.atomic
def seed_pages(*, home: HomePage, counsellors: list) -> list[CommunitySpacePage]:
    """Create any missing demo space, information page and update (idempotent)."""
    counsellor = counsellors[0]
    if not home.intro:
        home.intro = HOME_INTRO
        _publish(home, user=counsellor)
    now = timezone.now()
    spaces = []
    for spec in SPACES:
        space = _child(home, CommunitySpacePage, spec["slug"])
        if space is None:
            space = CommunitySpacePage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], tier=spec["tier"], owner=counsellor
            )
            home.add_child(instance=space)
            _publish(space, user=counsellor)
        spaces.append(space)
        for info in spec["information"]:
            if _child(space, InformationPage, info["slug"]) is None:
                page = InformationPage(
                    title=info["title"], slug=info["slug"], summary=info["summary"], body=info["body"], owner=counsellor
                )
                space.add_child(instance=page)
                _publish(page, user=counsellor)
        for number, update in enumerate(spec["updates"]):
            if _child(space, UpdatePage, update["slug"]) is None:
                author = counsellors[number % len(counsellors)]
                page = UpdatePage(
                    title=update["title"],
                    slug=update["slug"],
                    body=update["body"],
                    deadline=update["deadline"],
                    owner=author,
                )
                space.add_child(instance=page)
                _publish(page, user=author, published_at=now - datetime.timedelta(days=update["days_ago"]))
    _translate(home, "da", DANISH["home"], user=counsellor)
    for space in spaces:
        if space.slug in DANISH:
            _translate(space, "da", DANISH[space.slug], user=counsellor)
    return spaces


def _translate(page: Page, language: str, fields: dict, *, user) -> None:
    """A published translation of ``page`` (once; its parents are translated first, as Wagtail requires)."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    if page.get_translation_or_none(locale) is not None:
        return
    translated = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    _publish(translated, user=user)
