"""Display names: pseudonyms that cannot be used to pass as someone else."""

import pytest
from django.core.exceptions import ValidationError

from community import services
from community.display_names import skeleton, validate_display_name_form
from community.roles import Role
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anna Berg", "anna.berg"),
        ("Anna Berg", "ANNA_BERG"),
        ("Anna Berg", "Аnnа Вerg".replace("В", "B")),  # Cyrillic а
        ("Anna Berg", "ＡｎｎａＢｅｒｇ"),  # full-width
        ("Mikkel", "Mikke1"),
        ("Nordlys", "N0rdlys"),
        ("Smørrebrød", "Smorrebrod"),
        ("Jörg", "Jorg"),
        ("Marni", "Mami".replace("m", "rn", 1)),
    ],
)
def test_look_alike_names_share_a_skeleton(first, second):
    assert skeleton(first) == skeleton(second)


def test_different_names_have_different_skeletons():
    assert skeleton("Anna Berg") != skeleton("Anna Borg")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Anna\u200bBerg", "control_characters"),  # zero-width space
        ("\u202eSkyrunner", "control_characters"),  # right-to-left override
        ("Sky\u2066runner", "control_characters"),  # left-to-right isolate
        ("Sky\u00adrunner", "control_characters"),  # soft hyphen
        ("ab", "length"),
        ("x" * 31, "length"),
        ("Sky<script>", "characters"),
        ("1234", "no_letters"),
        ("Аnna", "mixed_scripts"),  # Cyrillic А with Latin nna
    ],
)
def test_malformed_or_deceptive_names_are_refused(name, code):
    with pytest.raises(ValidationError) as caught:
        validate_display_name_form(name)
    assert caught.value.code == code


@pytest.mark.parametrize("name", ["Skyrunner", "Åsa", "Päivi K", "O'Neill", "Ахмед", "محمد علي", "Nordlys-88"])
def test_ordinary_names_in_any_one_script_are_accepted(name):
    validate_display_name_form(name)


@pytest.mark.django_db
class TestAgainstExistingNames:
    def test_a_name_that_looks_like_a_taken_one_is_refused(self):
        UserFactory(display_name="Skyrunner")
        with pytest.raises(ValidationError, match="taken"):
            services.display_name_validate(display_name="sky_runner")

    def test_a_member_cannot_take_a_counsellors_name_in_another_alphabet(self):
        UserFactory(display_name="Anna Berg", roles=[Role.COUNSELLOR])
        with pytest.raises(ValidationError, match="taken"):
            services.display_name_validate(display_name="АННА БЕРГ")  # all Cyrillic

    def test_a_member_cannot_embed_a_counsellors_name(self):
        UserFactory(display_name="Mikkel Hansen", roles=[Role.COUNSELLOR])
        with pytest.raises(ValidationError) as caught:
            services.display_name_validate(display_name="MikkelHansen2")
        assert caught.value.code == "counsellor_lookalike"

    def test_a_member_may_embed_another_members_name(self):
        UserFactory(display_name="Mikkel Hansen", roles=[Role.MEMBER])
        assert services.display_name_validate(display_name="MikkelHansen2") == "MikkelHansen2"

    @pytest.mark.parametrize("name", ["Counsellor Kim", "Studievägledare", "Vejleder Ida", "Opo", "kim_admin", "Opinto-ohjaaja"])
    def test_a_member_cannot_read_as_staff(self, name):
        with pytest.raises(ValidationError) as caught:
            services.display_name_validate(display_name=name)
        assert caught.value.code == "staff_like"

    def test_staff_words_inside_ordinary_words_are_fine(self):
        assert services.display_name_validate(display_name="Hippopotamus") == "Hippopotamus"

    def test_a_member_keeps_their_own_name_when_saving_a_profile(self):
        user = UserFactory(display_name="Skyrunner")
        assert services.display_name_validate(display_name="skyrunner", user=user) == "skyrunner"

    def test_the_database_refuses_look_alikes_even_without_the_service(self):
        from django.db import IntegrityError, transaction

        UserFactory(display_name="Skyrunner")
        with pytest.raises(IntegrityError), transaction.atomic():
            UserFactory(display_name="SKY RUNNER")
