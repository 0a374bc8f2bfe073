"""Crisis detection by word forms (issue 9): inflections, gaps, idioms, languages, moderators' rules."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from moderation.detection.crisis import (
    CATEGORIES,
    CrisisHit,
    PatternError,
    compile_matcher,
    default_matcher,
)
from moderation.detection.crisis_evaluation import (
    HELDOUT,
    HELDOUT2,
    HELDOUT3,
    HELDOUT4,
    HELDOUT5,
    evaluate,
    load_corpus,
)
from moderation.management.commands.evaluate_screening import moderator_rules
from moderation.models import CrisisCategory, CrisisRule


def categories(text, matcher=None):
    return {hit.category for hit in (matcher or default_matcher()).find(text)}


def held(text, matcher=None):
    return bool((matcher or default_matcher()).find(text))


class TestInflectionsAndGaps:
    """The forms the issue names, and the words young people put in between."""

    @pytest.mark.parametrize(
        "text",
        ["jag skadar mig själv", "jag skadade mig själv igen igår", "vill bara skada mig själv", "hon skadar sig själv"],
    )
    def test_swedish_skada_in_every_form(self, text):
        assert categories(text) == {"self_harm"}

    @pytest.mark.parametrize("text", ["satutan itseäni", "olen satuttanut itseäni", "haluan satuttaa itseäni", "satutin itteäni"])
    def test_finnish_satuttaa_in_every_form(self, text):
        assert "self_harm" in categories(text)

    @pytest.mark.parametrize("text", ["jeg har skåret i mig selv", "jeg skærer i mig selv", "har skaaret mig i armen"])
    def test_danish_skaere(self, text):
        assert "self_harm" in categories(text)

    @pytest.mark.parametrize("text", ["my dad hits me", "my stepdad hit me last night", "he beats me", "my brother beat me up again"])
    def test_english_hits_and_beats(self, text):
        assert "abuse" in categories(text)

    @pytest.mark.parametrize(
        "text",
        [
            "I swallowed all of my mum's pills",
            "i swallowed all of my moms sleeping pills",
            "swallowed a whole bottle of paracetamol",
            "I took 30 ibuprofen",
        ],
    )
    def test_english_swallowed_pills_with_words_in_between(self, text):
        assert "overdose" in categories(text)

    @pytest.mark.parametrize("text", ["en halua enää elää", "en haluaisi enää elää", "en jaksa elää enää", "en halua elää"])
    def test_finnish_not_wanting_to_live_with_enaa_anywhere(self, text):
        assert "suicide" in categories(text)

    @pytest.mark.parametrize("text", ["jeg har lyst til at slå mig selv ihjel", "hun vil slå sig selv ihjel"])
    def test_danish_slaa_sig_selv_ihjel(self, text):
        assert "suicide" in categories(text)

    @pytest.mark.parametrize("text", ["jeg vil ikke leve lenger", "jeg har lyst til å ta livet av meg", "han vil drepe seg selv"])
    def test_norwegian(self, text):
        assert "suicide" in categories(text)

    def test_a_gap_is_limited(self):
        # "want ... die" far apart in one sentence is not the phrase.
        assert not held("I want to know which of the programmes in engineering, design and media will die out")

    def test_words_do_not_match_across_sentences(self):
        assert not held("I don't want that job. Live music is my passion, can I study it?")


class TestOtherWaysOfSayingIt:
    """Phrasings outside the corpus, written after the packs, in every language."""

    @pytest.mark.parametrize(
        "text",
        [
            "i wanna kms fr",
            "im done with life",
            "i just want to sleep forever",
            "planning to overdose tonight",
            "my bf chokes me when hes angry",
            "jag orkar inte med livet längre",
            "hon har tagit överdos",
            "farsan slår mej när han druckit",
            "jeg tænker på at dræbe mig selv",
            "min onkel har misbrugt mig seksuelt",
            "jeg har kastet opp alt jeg spiser i flere uker",
            "tenker på å drepe meg",
            "mä haluun tappaa itteni",
            "mua on ahdisteltu seksuaalisesti",
            "mä oksennan kaiken mitä syön",
        ],
    )
    def test_are_held(self, text):
        assert held(text)

    @pytest.mark.parametrize(
        "text",
        [
            "jeg vil gerne være psykolog og hjælpe unge med selvskade",
            "jag skar mig på papperet, haha",
            "den här kursen tar död på mig",
            "det tar livet av mig att vänta på antagningsbeskedet",
            "my boss hits me with extra shifts every weekend",
            "I purged my wardrobe before moving to uni",
        ],
    )
    def test_look_alikes_are_not(self, text):
        assert not held(text)


class TestIdioms:
    @pytest.mark.parametrize(
        "text",
        [
            "I could kill for that job at the museum",
            "I'm dying to know if I got into law",
            "the deadline is killing me",
            "how do I kill the interview tomorrow?",
            "hon slår mig alltid i schack, men är matte rätt för mig?",
            "matikka tappaa minut, miten pääsen läpi?",
            "jag vill inte leva på studielån hela livet",
            "eksamen slår mig helt ud, hvordan forbereder jeg mig?",
            "vi slår ihjäl tiden på lektionen",
            "jeg døde af grin til jobsamtalen",
            "kuolen nauruun",
            "det slår mig at jeg aldrig har tænkt over det",
            "I don't want to live with my parents while studying",
            "which courses lead to a job in suicide prevention?",
        ],
    )
    def test_career_questions_sharing_words_with_a_crisis_are_not_held(self, text):
        assert default_matcher().find(text) == []

    def test_an_idiom_does_not_hide_a_real_signal_elsewhere_in_the_text(self):
        text = "the deadline is killing me lol. but honestly i want to kill myself"
        assert [hit.matched for hit in default_matcher().find(text)] == ["kill myself"]


class TestNegationAndThirdPerson:
    @pytest.mark.parametrize(
        "text",
        [
            "I don't want to live anymore",
            "i dont wanna be alive",
            "my friend says she wants to die",
            "my sister keeps saying she's going to kill herself",
            "min kompis vill inte leva längre",
            "veljeni sanoo että haluaa kuolla",
            "min veninde siger hun vil dø",
        ],
    )
    def test_are_signals(self, text):
        assert "suicide" in categories(text)


class TestFoldingAndMixedLanguages:
    @pytest.mark.parametrize("text", ["har tankar på sjalvmord", "tanker om selvmord", "SJÄLVMORD", "itsemurha-ajatuksia"])
    def test_case_accents_and_compounds(self, text):
        assert "suicide" in categories(text)

    def test_missing_finnish_diacritics(self):
        assert "suicide" in categories("en halua enaa elaa")

    @pytest.mark.parametrize("text", ["i just want to die, allt är skit med gymnasiet", "ärligt talat vill jag dö lol"])
    def test_english_in_nordic_text_and_the_other_way(self, text):
        assert "suicide" in categories(text)


class TestCategories:
    @pytest.mark.parametrize(
        "category, text",
        [
            ("suicide", "i have a plan to end my life"),
            ("self_harm", "been cutting my arms again"),
            ("abuse", "my mum's boyfriend hits me"),
            ("sexual_abuse", "a man online keeps asking me for nudes, i'm 13"),
            ("eating_disorder", "i make myself throw up after dinner"),
            ("overdose", "i think i overdosed on my meds"),
        ],
    )
    def test_each_category_is_named(self, category, text):
        assert category in categories(text)

    def test_model_choices_are_the_detector_categories(self):
        assert set(CrisisCategory.values) == set(CATEGORIES)
        assert {"suicide", "self_harm", "abuse"} <= set(CrisisCategory.values)


class TestHits:
    def test_matched_is_the_authors_own_words(self):
        text = "Jag SKADADE mig  själv igen"
        [hit] = default_matcher().find(text)
        assert hit == CrisisHit("self_harm", "sv.self_harm.skada_sig_sjalv", "sv", "SKADADE mig  själv")
        assert hit.matched in text

    def test_rule_ids_are_stable_and_unique(self):
        ids = default_matcher().rule_ids
        assert len(ids) == len(set(ids))
        assert all(rule_id.split(".")[0] in {"en", "sv", "da", "fi", "nb"} for rule_id in ids)

    def test_plain_text_is_quiet(self):
        assert default_matcher().find("") == []
        assert default_matcher().find("Which school is best for electricians in Turku?") == []


class TestModeratorRules:
    def test_same_matching_as_the_packs(self):
        matcher = compile_matcher([("db:7", "skada mig", "self_harm", "sv")])
        hits = [hit for hit in matcher.find("Jag SKADADE mig igen") if hit.rule == "db:7"]
        assert hits == [CrisisHit("self_harm", "db:7", "sv", "SKADADE mig")]

    def test_base_forms_gaps_optional_words_and_wildcards(self):
        matcher = compile_matcher(
            [
                ("db:1", "stepdad hit me", "abuse", "en"),
                ("db:2", "kill ... cat", "abuse", ""),
                ("db:3", "[the] pills|tablets are gone", "overdose", "en"),
                ("db:4", "self*hate", "self_harm", ""),
            ]
        )

        def rules(text):
            return {hit.rule for hit in matcher.find(text)}

        assert "db:1" in rules("my stepdads hitting me")
        assert "db:1" not in rules("my stepdad really hit me")  # no gap unless the pattern says ...
        assert "db:2" in rules("he said he will kill my little cat")
        assert "db:3" in rules("all tablets are gone")
        assert "db:4" in rules("so much self-hate")

    def test_a_rule_for_one_language_uses_that_languages_base_forms(self):
        matcher = compile_matcher([("db:9", "sparke hunden", "abuse", "da")])
        assert "db:9" in {hit.rule for hit in matcher.find("han sparkede hunden igen")}

    def test_pack_idioms_cancel_moderators_rules_too(self):
        matcher = compile_matcher([("db:5", "slår mig", "abuse", "sv")])
        assert matcher.find("hon slår mig alltid i schack") == []
        assert [hit.rule for hit in matcher.find("läraren slår mig")] == ["db:5"]

    def test_the_same_words_are_reported_once_per_category(self):
        hits = default_matcher().find("jeg vil bare dø")  # the Swedish, Danish and Norwegian rules agree
        assert [(hit.category, hit.matched) for hit in hits] == [("suicide", "vil bare dø")]

    @pytest.mark.parametrize("pattern", ["[kill", "kill]", "[maybe]", "a||b", "*", "kill [my [self]]"])
    def test_an_unreadable_pattern_is_refused_with_a_reason(self, pattern):
        with pytest.raises(PatternError):
            compile_matcher([("db:1", pattern, "suicide", "")])

    def test_an_unknown_category_is_refused(self):
        with pytest.raises(PatternError):
            compile_matcher([("db:1", "sad", "sadness", "")])

    def test_the_admin_form_refuses_an_unreadable_pattern(self):
        rule = CrisisRule(pattern="[want to die", category=CrisisCategory.SUICIDE)
        with pytest.raises(ValidationError) as error:
            rule.full_clean()
        assert "pattern" in error.value.message_dict


@pytest.mark.django_db
class TestCorpus:
    """CI's floor: on the project corpus, per language, recall >= 97 % and benign precision >= 95 %."""

    def test_corpus_size_and_spread(self):
        samples = load_corpus()
        crisis = [sample for sample in samples if sample.is_crisis]
        benign = [sample for sample in samples if not sample.is_crisis]
        assert len(crisis) >= 300 and len(benign) >= 300
        for language in ("en", "sv", "da", "fi", "nb"):
            assert sum(sample.language == language for sample in crisis) >= 60
            assert sum(sample.language == language for sample in benign) >= 60
            assert {sample.label for sample in crisis if sample.language == language} == set(CATEGORIES)

    def test_recall_and_precision_per_language_with_the_moderators_rules(self):
        assert CrisisRule.objects.exists()  # the seeded rules take part, as in screening
        result = evaluate(compile_matcher(moderator_rules()), load_corpus())
        problems = result.failures(min_recall=0.97, min_precision=0.95)
        assert problems == [], problems + [f"missed: {o.sample.text}" for o in result.misses]

    def test_the_held_out_set_generalises(self):
        """The held-out set was written after the packs, in batches each measured before the rules were
        broadened (by general word forms, never its sentences); its floor is lower than the corpus's."""
        samples = load_corpus(directory=HELDOUT)
        crisis = [sample for sample in samples if sample.is_crisis]
        assert len(crisis) >= 60 and len(samples) - len(crisis) >= 60
        assert {sample.label for sample in crisis} == set(CATEGORIES)
        assert {sample.language for sample in samples} == {"en", "sv", "da", "fi", "nb"}
        result = evaluate(compile_matcher(moderator_rules()), samples)
        problems = result.failures(min_recall=0.9, min_precision=0.95)
        assert problems == [], problems + [f"missed: {o.sample.text}" for o in result.misses]
        assert result.recall.share >= 0.95 and result.precision.share >= 0.95

    def test_the_independent_held_out_batch_generalises(self):
        """Batch 4 (corpus/heldout2) was written by someone who had not read the packs or the other
        corpora, then measured (crisis held 84.8 %, look-alikes clear 92.9 %) before the packs were broadened by general
        word forms; see its README. It must stay held and clear, the moderators' rules included."""
        samples = load_corpus(directory=HELDOUT2)
        crisis = [sample for sample in samples if sample.is_crisis]
        for language in ("en", "sv", "da", "fi", "nb"):
            assert sum(sample.language == language for sample in crisis) >= 30
            assert sum(sample.language == language and not sample.is_crisis for sample in samples) >= 30
            assert {sample.label for sample in crisis if sample.language == language} == set(CATEGORIES)
        result = evaluate(compile_matcher(moderator_rules()), samples)
        problems = result.failures(min_recall=0.97, min_precision=0.97)
        assert problems == [], problems + [f"missed: {o.sample.text}" for o in result.misses] + [
            f"false alarm: {o.sample.text}" for o in result.false_alarms
        ]

    def test_the_fifth_independent_batch_generalises(self):
        """Batch 5 (corpus/heldout3) was written by another helper before reading the packs or the
        other corpora, then measured (crisis held 76.1 %, look-alikes clear 88.0 %) before the packs
        were broadened by general word forms; see its README. It must stay held and clear, the
        moderators' rules included."""
        samples = load_corpus(directory=HELDOUT3)
        crisis = [sample for sample in samples if sample.is_crisis]
        for language in ("en", "sv", "da", "fi", "nb"):
            assert sum(sample.language == language for sample in crisis) >= 30
            assert sum(sample.language == language and not sample.is_crisis for sample in samples) >= 25
            assert {sample.label for sample in crisis if sample.language == language} == set(CATEGORIES)
        result = evaluate(compile_matcher(moderator_rules()), samples)
        problems = result.failures(min_recall=0.97, min_precision=0.97)
        assert problems == [], problems + [f"missed: {o.sample.text}" for o in result.misses] + [
            f"false alarm: {o.sample.text}" for o in result.false_alarms
        ]

    def test_the_sixth_independent_batch_generalises(self):
        """Batch 6 (corpus/heldout4) was written by another helper before reading the packs, the
        other corpora or the tests, then measured (crisis held 73.6 %, look-alikes clear 95.0 % with
        the packs alone) before the packs were broadened by general word forms; see its README. It
        must stay held and clear, the moderators' rules included."""
        samples = load_corpus(directory=HELDOUT4)
        crisis = [sample for sample in samples if sample.is_crisis]
        for language in ("en", "sv", "da", "fi", "nb"):
            assert sum(sample.language == language for sample in crisis) >= 25
            assert sum(sample.language == language and not sample.is_crisis for sample in samples) >= 20
            assert {sample.label for sample in crisis if sample.language == language} == set(CATEGORIES)
        result = evaluate(compile_matcher(moderator_rules()), samples)
        problems = result.failures(min_recall=0.96, min_precision=0.95)
        assert problems == [], problems + [f"missed: {o.sample.text}" for o in result.misses] + [
            f"false alarm: {o.sample.text}" for o in result.false_alarms
        ]

    def test_the_seventh_independent_batch_generalises(self):
        """Batch 7 (corpus/heldout5) was written by another helper before reading the packs, the
        other corpora or the tests, then measured (crisis held 93.0 %, look-alikes clear 100 % with
        the packs alone, 98.7 % with the moderators' rules) before the packs were broadened by
        general word forms; see its README. It must stay held and clear, the moderators' rules
        included."""
        samples = load_corpus(directory=HELDOUT5)
        crisis = [sample for sample in samples if sample.is_crisis]
        for language in ("en", "sv", "da", "fi", "nb"):
            assert sum(sample.language == language for sample in crisis) >= 20
            assert sum(sample.language == language and not sample.is_crisis for sample in samples) >= 15
            assert {sample.label for sample in crisis if sample.language == language} == set(CATEGORIES)
        result = evaluate(compile_matcher(moderator_rules()), samples)
        problems = result.failures(min_recall=0.95, min_precision=0.95)
        assert problems == [], problems + [f"missed: {o.sample.text}" for o in result.misses] + [
            f"false alarm: {o.sample.text}" for o in result.false_alarms
        ]

    def test_the_command_measures_the_seventh_batch(self, capsys):
        call_command("evaluate_screening", "--corpus", "heldout5", "--packs-only", "--min-recall", "0.95")
        assert "heldout5 corpus" in capsys.readouterr().out

    def test_the_command_measures_the_sixth_batch(self, capsys):
        call_command("evaluate_screening", "--corpus", "heldout4", "--packs-only", "--min-recall", "0.96")
        assert "heldout4 corpus" in capsys.readouterr().out

    def test_the_command_measures_the_fifth_batch(self, capsys):
        call_command("evaluate_screening", "--corpus", "heldout3", "--packs-only", "--min-recall", "0.97")
        assert "heldout3 corpus" in capsys.readouterr().out

    def test_the_command_measures_the_held_out_set(self, capsys):
        call_command("evaluate_screening", "--corpus", "heldout", "--min-recall", "0.9", "--min-precision", "0.95")
        assert "heldout corpus" in capsys.readouterr().out

    def test_the_command_fails_below_its_thresholds(self, capsys):
        call_command("evaluate_screening", "--min-recall", "0.97", "--min-precision", "0.95")
        out = capsys.readouterr().out
        assert "recall" in out and "Misses" in out and "False alarms" in out
        with pytest.raises(CommandError, match="benign precision"):
            call_command("evaluate_screening", "--min-precision", "1.01")


class TestWarningSignsWithoutDeathWords:
    """Farewells, not being around, giving things away, a burden, no future, a date: signs counsellors
    know, in every language, with inflections and words in between; their ordinary look-alikes stay clear."""

    @pytest.mark.parametrize(
        "text",
        [
            # English: farewell, not around, burden, all over, letters, giving away, a date, no future
            "I won't be here after the exams",
            "im not gonna be around after friday tbh",
            "this is my goodbye to everyone",
            "you won't have to put up with me much longer",
            "soon it'll all be over for me",
            "i've written letters to my family in case",
            "she gave away all her favourite things and keeps saying sorry",
            "i picked the date already, nobody can stop me",
            "been saving up my sleeping pills for weeks",
            "there's no future for me",
            # Swedish
            "jag kommer inte vara här efter jul, förlåt",
            "ni slipper mig snart",
            "snart är allt över för mig",
            "har skrivit brev till mamma ifall något händer",
            "gav bort alla mina grejer, behöver dom inte längre",
            # Danish
            "jeg er her ikke efter sommer",
            "snart er det hele forbi for mig",
            "har skrevet et brev til mine forældre hvis der sker noget",
            "han har givet alle sine ting væk og siger undskyld",
            # Finnish
            "en oo enää täällä joulun jälkeen",
            "tää on mun viimeiset hyvästit",
            "kukaan ei joudu enää kestämään mua kauaa",
            "mulla ei oo mitään tulevaisuutta",
            # Norwegian
            "dere slipper meg snart",
            "jeg har skrevet brev til mamma i tilfelle",
            "snart er alt over for meg",
            "hun har gitt bort alle tingene sine, sier hun ikke trenger dem lenger",
        ],
    )
    def test_are_suicide_signals(self, text):
        assert "suicide" in categories(text)

    @pytest.mark.parametrize(
        "text",
        [
            "I won't be here next summer, I'm moving to Aarhus for my studies",
            "goodbye to high school!",
            "I'm giving away my old textbooks",
            "this is my last post before the exams, see you after!",
            "soon it will all be over, last exam is friday",
            "I wrote a cover letter in case they ask for one",
            "I picked a date for my driving test",
            "I don't see a future for myself in retail",
            "you won't have to put up with my questions much longer, I start my job monday",
            "we stood on the bridge and took photos of the sunset",
            "jag kommer inte vara här nästa sommar, jag flyttar till Lund",
            "hejdå gymnasiet!!",
            "jag ger bort mina gamla kursböcker",
            "snart er det hele overstået, sidste eksamen er fredag",
            "farvel gymnasiet!",
            "annan pois mun vanhat oppikirjat, tarviiko joku?",
            "hyvästit lukiolle!!",
            "jeg gir bort de gamle lærebøkene mine",
            "jeg er ikke her neste sommer, jeg flytter til Bergen",
        ],
    )
    def test_look_alikes_are_not(self, text):
        assert not held(text), default_matcher().find(text)


class TestSchoolAndCareerLookAlikes:
    """Warning-sign rules need a second cue besides their own words, and an ordinary school or career
    reason nearby (a decision, a deadline, an application, a contract, dropping out) cancels them."""

    @pytest.mark.parametrize(
        "text",
        [
            "I'm standing on the edge of a career change.",
            "Jag sitter vid fönstret och funderar på att hoppa av gymnasiet.",
            "Jag står vid kanten av ett stort beslut om min framtid, ska jag hoppa av utbildningen?",
            "Jeg står ved kanten af at droppe ud.",
            "Jeg står på kanten av en stor avgjørelse om utdanningen min.",
            "I'm finally ready to do it.",
            "I'm finally ready to do it and send my CV to the bakery.",
            "I won't make it to the 18th of March deadline for the application.",
            "They said I'll never be around long enough to get a permanent contract.",
            "Jag kommer inte vara här efter sommarlovet, jag börjar gymnasiet i Malmö.",
            "Jeg er ikke her efter sommerferien, jeg skal på efterskole.",
            "Snart er det hele overstået, så starter jeg på erhvervsskolen.",
            "Kaikki on pian ohi, pääsykokeet loppuvat huomenna.",
            "I wrote a letter to my parents explaining why I want to quit upper secondary and work.",
            "Jag skriver ett brev till mina föräldrar för att förklara varför jag vill hoppa av.",
        ],
    )
    def test_are_not_crises(self, text):
        assert not held(text), default_matcher().find(text)

    @pytest.mark.parametrize(
        "text",
        [
            "I'm standing on the edge of the bridge and I want to jump",
            "jag står vid kanten på taket och vill hoppa",
            "I'm finally ready to end it tonight",
            "I won't make it to my 18th birthday, I'm sorry",
            "jeg er ikke her efter i morgen, farvel til jer alle",
            "jag kommer inte vara här efter sommarlovet, så det spelar ingen roll",
            "jag skrev ett brev till mamma och förklarade varför jag vill hoppa av bron",
        ],
    )
    def test_the_same_families_still_hold(self, text):
        assert "suicide" in categories(text)


class TestHeightsAreSuicideNotOverdose:
    @pytest.mark.parametrize(
        "text",
        [
            "sometimes i stand on the balcony and think about letting go",
            "i keep standing at the edge of the bridge thinking about jumping",
            "jag står på bron varje kväll och tänker på att hoppa",
            "jeg sidder tit på taget og tænker på at springe",
            "seison välillä parvekkeella ja mietin hyppäämistä",
            "jeg står ofte på brua og tenker på å hoppe",
            "I'm going to throw myself in front of a train",
        ],
    )
    def test_jumping_is_suicidal_thoughts(self, text):
        assert categories(text) == {"suicide"}

    def test_the_hit_names_the_words_that_matched(self):
        (hit,) = default_matcher().find("sometimes i stand on the balcony and think about letting go")
        assert hit.category == "suicide" and hit.matched == "stand on the balcony"

    def test_on_a_roof_right_now_is_acute_danger(self):
        assert "overdose" in categories("i'm standing on the roof right now")


class TestUnless:
    def test_an_ordinary_reason_nearby_cancels_a_rule(self):
        assert held("I won't be here after the exams")
        assert not held("I won't be here after the exams, I'm moving to Oslo")

    def test_the_reason_must_be_near(self):
        far = " ".join(["word"] * 20)
        assert held(f"I won't be here after the exams. {far} moving")


class TestBatchFourGeneralises:
    """What the independent batch 4 (corpus/heldout2) taught, checked on other sentences than its own."""

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # "prova" / "prøve" also means "to try": no exam idiom may cancel it
            ("hon provade att ta livet av sig i våras", "suicide"),
            ("jeg tror han prøver at tage sit liv", "suicide"),
            # purging many times a day, with a danger sign
            ("spyr fem gånger om dagen och har ont i hjärtat", "eating_disorder"),
            ("kaster op 6 gange om dagen og er svimmel hele tiden", "eating_disorder"),
            ("hun sulter seg for å bli tynn", "eating_disorder"),
            # alcohol with pills named as compounds; too many pills
            ("han drack vodka och tog pappas sömntabletter", "overdose"),
            ("hun drak sprut oven i sine sovepiller", "overdose"),
            ("har tatt for mange sovetabletter", "overdose"),
            ("viilsin ranteeseen eilen", "self_harm"),
            # grooming without sexual words; "our secret" without "little"
            ("he made me do things to him when i was 8 and said it was a secret", "sexual_abuse"),
            ("the guy from the game said it's our secret and wants to meet", "sexual_abuse"),
            ("det är vår hemlighet sa tränaren", "sexual_abuse"),
            # "giving someone a beating"
            ("far giver hende tæsk når han er fuld", "abuse"),
            ("stefaren min gir meg juling", "abuse"),
        ],
    )
    def test_new_ways_of_saying_it_are_held(self, text, category):
        assert category in categories(text)

    @pytest.mark.parametrize(
        "text",
        [
            "vill slänga mobilen ut genom fönstret när läraren pratar om betyg",
            "vil smide mobilen ud af vinduet, min praktikvært skriver hele tiden",
            "jeg kan ikke leve uden kaffe om morgenen, hvordan overlever man en nattevagt",
            "overdosed on energy drinks during finals week, never again",
            "uppsatsen dödar mig, hur skriver man en bra inledning",
            "jobbar med unga som skadar sig själva, är det tungt som kurator?",
            "arbejder på en skole med unge der skader sig selv, hvilken efteruddannelse?",
            "haluun työskennellä nuorten kanssa jotka viiltelee, mikä koulutus?",
            "kräks två gånger om dagen pga magsjuka, kan jag jobba på förskolan?",
        ],
    )
    def test_their_ordinary_look_alikes_stay_clear(self, text):
        assert not held(text)


class TestBatchFiveGeneralises:
    """What the independent batch 5 (corpus/heldout3) taught, checked on other sentences than its own."""

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # the author counts themselves in: no talk about other people
            ("my friend and i are kids who self harm", "self_harm"),
            ("we are both girls who cut and nobody knows", "self_harm"),
            ("min kompis och jag skadar oss själva", "self_harm"),
            ("vi skader os selv begge to", "self_harm"),
            # hiding arms or wrists, a relapse with a blade
            ("i keep hiding my wrists so mum doesnt see", "self_harm"),
            ("jeg skjuler mine håndled så min mor ikke ser det", "self_harm"),
            ("piilotan ranteet ettei äiti nää", "self_harm"),
            ("relapsed again yesterday, razor was in my pencil case", "self_harm"),
            # a farewell as one clause: not planning to be alive, nobody would notice
            ("which course should i take, im not planning on being alive by christmas tbh", "suicide"),
            ("jag har inte tänkt leva till sommaren", "suicide"),
            ("ingen ville savnet meg om jeg døde", "suicide"),
            ("kukaan ei kaipais mua jos kuolisin", "suicide"),
            # a knife or pills at hand when one cannot go on
            ("knife is next to me, i cant do this anymore", "overdose"),
            ("kniven ligger bredvid mig, orkar inte längre", "overdose"),
            # grooming: delete our chats, an older person who loves me
            ("he is 30 and told me to delete all our messages", "sexual_abuse"),
            ("han er 30 og sa jeg skulle slette alle meldingene", "sexual_abuse"),
            ("se on 30 ja käski poistaa kaikki viestit", "sexual_abuse"),
            # eating almost nothing with fainting; restricting
            ("my friend only eats one cracker a day and fainted at practice", "eating_disorder"),
            ("hon äter bara ett kex om dagen och svimmade på träningen", "eating_disorder"),
            ("hun spiser kun en kiks om dagen og besvimede", "eating_disorder"),
            ("been restricting again since monday", "eating_disorder"),
        ],
    )
    def test_new_ways_of_saying_it_are_held(self, text, category):
        assert category in categories(text)

    @pytest.mark.parametrize(
        "text",
        [
            "I work with kids who self harm, is a psychology degree worth it?",
            "we both want to work with kids who self harm, which degree?",
            "I want to work with self-harm patients as a nurse",
            "I cover my arms at work because of the dress code, is that normal in retail?",
            "I relapsed on vaping after 3 months clean, how do I stay focused at my apprenticeship?",
            "I'm not planning to be here next year, going to Australia for a gap year",
            "the mod on discord told me to delete my message because it was spam",
            "they keep restricting my hours at work",
            "I took my concerta and my heart is racing before the interview, normal?",
            "I want to help people who overdosed, should I be a paramedic?",
            "vill jobba med folk som tagit en överdos, vilken utbildning?",
            "vi lärde oss om självskadebeteende på lektionen",
            "min chef hotar att sparka mig om jag kommer sent",
            "jag tänker inte vara kvar på det här jobbet nästa år",
            "läraren sa att vi ska radera chatten efter provet",
            "jag äter frukost varje dag men blev yr på träningen",
            "grupparbetet tar livet av mig, två gör ingenting",
            "jeg regner ikke med at være her mere end et år, så vil jeg videre til uni",
            "vi havde om selvmord i dansk, kan man læse psykologi?",
            "sjefen truer med å sparke meg hvis jeg ikke tar helgevakter",
            "gruppearbeidet tar livet av meg",
            "en aio olla täällä ensi kesänä koska muutan tampereelle",
            "haluun auttaa ihmisiä jotka on ottanu yliannostuksen",
            "lähihoitajaopinnoissa puhuttiin tänään itsetuhoisuudesta",
        ],
    )
    def test_their_ordinary_look_alikes_stay_clear(self, text):
        assert not held(text)

    @pytest.mark.parametrize(
        "text",
        ["jag vill prata om mitt självskadebeteende", "jeg har lært at leve med min selvskade", "my self-harm is getting worse"],
    )
    def test_a_narrow_idiom_leaves_the_authors_own_words_held(self, text):
        """A lesson "om självskadebeteende" is a topic; "om mitt självskadebeteende" is the author's own."""
        assert "self_harm" in categories(text)


class TestBatchSixGeneralises:
    """What the independent batch 6 (corpus/heldout4) taught, checked on other sentences than its own."""

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # wanting everything to stop, in every language
            ("jag vill att allting ska sluta nu", "suicide"),
            ("jeg ville ønske at alting sluttede", "suicide"),
            ("vil bare at det hele skal stoppe", "suicide"),
            ("toivon et kaikki loppuis jo", "suicide"),
            # a friend's goodbye and no answer since
            ("my sister sent me a goodbye message an hour ago and isnt replying", "suicide"),
            ("han skickade hejdå på snap och har inte svarat sen dess", "suicide"),
            ("hun skrev farvel til mig og svarer ikke sin telefon", "suicide"),
            ("kaveri laitto hyvästit eikä vastaa puhelimeen", "suicide"),
            ("ei vastaa enää, se kirjotti hyvästikirjeen", "suicide"),
            # scars and fresh cuts, covered so nobody sees
            ("long sleeves every day so no one notices my scars", "self_harm"),
            ("my thighs are covered in cuts", "self_harm"),
            ("låren är fulla av nya sår", "self_harm"),
            ("håndleddene mine er fulle av kutt", "self_harm"),
            ("ranteet täynnä viiltoja", "self_harm"),
            # thrown out at night, a threat for telling, a parent thrown against a door
            ("pappa slängde ut mig mitt i natten igen", "abuse"),
            ("far smed mig ud i nat fordi jeg kom for sent", "abuse"),
            ("isäpuoli heitti mut ulos yöllä", "abuse"),
            ("pappa sa att han dödar mig om jag säger något till soc", "abuse"),
            ("my stepdad shoved my mom against the wall last night", "abuse"),
            # abuse explained away as normal; sextortion with pictures
            ("my stepbrother says it's normal and that every family does it", "sexual_abuse"),
            ("farbror rör vid mig och säger att det är normalt", "sexual_abuse"),
            ("min stedfar rører ved mig og siger det er normalt", "sexual_abuse"),
            ("han hotade att lägga ut bilderna om jag inte skickade fler", "sexual_abuse"),
            ("han truede med at sprede mine billeder", "sexual_abuse"),
            # feeling fat at a given weight
            ("im 45kg and i still feel fat", "eating_disorder"),
            ("väger 43 kilo och känner mig tjock", "eating_disorder"),
            ("painan 44 kiloa mut tunnen itteni läskiksi", "eating_disorder"),
            ("tar afføringsmidler for at slippe af med maden", "eating_disorder"),
        ],
    )
    def test_new_ways_of_saying_it_are_held(self, text, category):
        assert category in categories(text)

    @pytest.mark.parametrize(
        "text",
        [
            "I want to be a social worker for children from abusive families",
            "jag vill jobba med barn som blivit misshandlade, vilken utbildning?",
            "vil arbejde med børn fra voldelige hjem",
            "vil jobbe med unge fra voldelige hjem",
            "haluan hoitajaksi tukemaan syömishäiriöisiä nuoria",
            "i just want the exams to stop",
            "vill bara att provveckan ska ta slut",
            "haluun et kaikki kokeet loppuu jo",
            "said goodbye to my manager on my last day, hes still not answering about the reference",
            "how many floors does the new office building have",
            "chefen hotade att lägga ut bilderna från personalfesten",
            "jeg får at vide at jeg bliver smidt ud af klubben",
            "my uncle says its normal to be nervous before an interview",
        ],
    )
    def test_their_ordinary_look_alikes_stay_clear(self, text):
        assert not held(text)

    def test_danes_and_norwegians_without_the_letter_o_slash_write_oe(self):
        """"roerer", "noegenbilleder", "foeler" are "rører", "nøgenbilleder", "føler"."""
        assert categories("han truer med at dele mine noegenbilleder") == categories("han truer med at dele mine nøgenbilleder")
        assert "sexual_abuse" in categories("en voksen mand vil have noegenbilleder af mig")


class TestBatchSevenGeneralises:
    """What the independent batch 7 (corpus/heldout5) taught, checked on other sentences than its own."""

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # asking for the least painful, quickest or surest way, in every language
            ("what's the most painless way to go", "suicide"),
            ("how do i end it painlessly", "suicide"),
            ("easiest way to end my life??", "suicide"),
            ("smärtfritt sätt att dö", "suicide"),
            ("vilket ar enklaste sattet att ta livet av sig", "suicide"),
            ("hva er den raskeste maaten aa doe paa", "suicide"),
            ("sikreste måten å drepe seg", "suicide"),
            ("nemmeste made at do pa", "suicide"),
            ("miten kuolla kivuttomasti", "suicide"),
            # someone coming into the room or bed at night, in any word order
            ("my uncle keeps sneaking into my bed at night", "sexual_abuse"),
            ("styvpappa kommer in till mig på natten", "sexual_abuse"),
            ("stefaren min kommer inn på soverommet om natten", "sexual_abuse"),
            ("isäpuoli hiipii yöllä mun sänkyyn", "sexual_abuse"),
            # days without food, said with the verb first
            ("spiste ikke noe på fem dager og besvimte", "eating_disorder"),
            ("jeg spiste ikke på 3 dage", "eating_disorder"),
            ("åt inte nånting på tre dagar och svimmade idag", "eating_disorder"),
            # spirits and pills, in either order; pills next to alcohol in the definite plural
            ("drank a bottle of vodka and took my antidepressants", "overdose"),
            ("took my meds with half a bottle of whiskey", "overdose"),
            ("drakk vodka og tok pillene til mamma", "overdose"),
            ("drack sprit med pillerna", "overdose"),
            # letters to mum, now that Mother's Day no longer cancels 'mor'
            ("skrev et brev til min mor hvis der skulle ske noget med mig", "suicide"),
            # a bridge on the way home from school is still a bridge
            ("i stand on the bridge after school every day thinking about jumping", "suicide"),
        ],
    )
    def test_new_ways_of_saying_it_are_held(self, text, category):
        assert category in categories(text)

    @pytest.mark.parametrize(
        "text",
        [
            "easiest way to go to uni without a gap year",
            "quickest way to kill time at work experience",
            "easiest way to die in minecraft lol",
            "snabbaste sättet att ta körkort",
            "raskeste måten å få sommerjobb",
            "nopein tapa päästä töihin",
            "how does alcohol interact with antidepressants, for my pharmacy course",
            "spiste ikke lunsj i dag fordi jobben var travel",
            "i want to be a social worker helping abused kids",
            "skrev et brev til mors dag i skolen",
        ],
    )
    def test_career_and_school_look_alikes_stay_clear(self, text):
        assert categories(text) == set()


def test_a_weapon_that_is_someone_elses_and_a_trusted_adult_asking_for_pictures_are_signals():
    """Found by reviewing the packs: whose weapon it is may stand between the verb and the weapon,
    and adults with a hold over a young person (a coach, a teacher) ask for pictures too."""
    matcher = default_matcher()
    signals = {
        "i have got my dads gun and i will use it tonight": "overdose",
        "grabbed my brother's knife, going to use it now": "overdose",
        "my coach keeps asking me for more pics": "sexual_abuse",
        "my stepdad keeps asking for selfies": "sexual_abuse",
    }
    for text, category in signals.items():
        assert category in {hit.category for hit in matcher.find(text)}, text
    for text in ("my teacher keeps asking for pictures of the project", "my coach asked for the photos for the team page"):
        assert matcher.find(text) == [], text
