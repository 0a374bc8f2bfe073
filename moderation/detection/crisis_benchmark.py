"""Realistic mixed texts and timing for ``manage.py benchmark_screening``.

Texts are the labelled corpus plus ordinary career questions of 20 to 150 words, built from
sentences in the five languages (with some English mixed into Nordic text, as members write).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .crisis_evaluation import load_corpus

SENTENCES = {
    "en": [
        "I'm in my last year of upper secondary school and I can't decide what to study next.",
        "Does anyone know if the nursing programme in Aarhus takes students with a vocational background?",
        "My grades in maths are okay but not great, and I'm worried it will hold me back.",
        "I've been working part time at a supermarket for two years and I like dealing with customers.",
        "Would a gap year look bad on my application, or do universities not care?",
        "What do electricians earn in their first year as apprentices?",
        "Thanks for the answers yesterday, they really helped me think it through.",
        "Is it possible to switch from a business programme to computer science after the first semester?",
        "My parents want me to be a doctor, but I'm more interested in design and media.",
        "How many hours a week do you actually study at university?",
    ],
    "sv": [
        "Jag går sista året på gymnasiet och vet inte vad jag ska plugga sen.",
        "Vet någon om sjuksköterskeprogrammet tar in elever från yrkesprogram?",
        "Mina betyg i matte är okej men inte toppen, och jag är orolig att det stoppar mig.",
        "Jag har extrajobbat i en mataffär i två år och gillar att prata med kunder.",
        "Ser ett mellanår dåligt ut i ansökan, eller bryr sig inte högskolorna?",
        "Vad tjänar en elektriker första året som lärling?",
        "Tack för svaren igår, de hjälpte mig verkligen att tänka igenom det.",
        "Kan man byta från ekonomiprogrammet till datavetenskap efter första terminen?",
    ],
    "da": [
        "Jeg går sidste år på gymnasiet og ved ikke hvad jeg skal læse bagefter.",
        "Ved nogen om sygeplejerskeuddannelsen optager elever fra en erhvervsuddannelse?",
        "Mine karakterer i matematik er okay men ikke gode, og jeg er bange for at det holder mig tilbage.",
        "Jeg har haft fritidsjob i et supermarked i to år og kan godt lide at snakke med kunder.",
        "Ser et sabbatår dårligt ud på ansøgningen, eller er universiteterne ligeglade?",
        "Hvad tjener en elektriker det første år som lærling?",
        "Tak for svarene i går, de hjalp mig virkelig med at tænke det igennem.",
        "Kan man skifte fra HA til datalogi efter første semester?",
    ],
    "fi": [
        "Olen lukion viimeisellä vuodella enkä tiedä mitä haluan opiskella.",
        "Tietääkö joku ottaako sairaanhoitajakoulutus opiskelijoita ammattikoulusta?",
        "Matikan numerot on ihan ok mutta ei hyviä, ja pelkään että se estää mua.",
        "Olen ollut osa-aikatöissä kaupassa kaksi vuotta ja tykkään asiakaspalvelusta.",
        "Näyttääkö välivuosi huonolta hakemuksessa vai eikö yliopistoja kiinnosta?",
        "Paljonko sähköasentaja tienaa ensimmäisenä vuonna oppisopimuksella?",
        "Kiitos eilisistä vastauksista, ne auttoi tosi paljon.",
        "Voiko kauppatieteistä vaihtaa tietojenkäsittelyyn ensimmäisen lukukauden jälkeen?",
    ],
    "nb": [
        "Jeg går siste året på videregående og vet ikke hva jeg skal studere etterpå.",
        "Vet noen om sykepleierutdanningen tar opp elever fra yrkesfag?",
        "Karakterene mine i matte er greie men ikke gode, og jeg er redd det holder meg tilbake.",
        "Jeg har hatt deltidsjobb på en butikk i to år og liker å snakke med kunder.",
        "Ser et friår dårlig ut på søknaden, eller bryr ikke universitetene seg?",
        "Hva tjener en elektriker det første året som lærling?",
        "Takk for svarene i går, de hjalp meg virkelig å tenke gjennom det.",
        "Kan man bytte fra økonomi til informatikk etter første semester?",
    ],
}
MIXED_IN = ["honestly", "like, is it worth it?", "any tips?", "lol", "idk"]


def career_question(rng: random.Random) -> str:
    """One ordinary question of 20 to 150 words, mostly in one language."""
    language = rng.choice(list(SENTENCES))
    target = rng.randint(20, 150)
    sentences: list[str] = []
    words = 0
    while words < target:
        sentence = rng.choice(SENTENCES[language])
        if language != "en" and rng.random() < 0.15:
            sentence = f"{sentence} {rng.choice(MIXED_IN)}"
        sentences.append(sentence)
        words += len(sentence.split())
    return " ".join(sentences)


def realistic_texts(count: int = 2000, seed: int = 9) -> list[str]:
    """The corpus (crisis texts and look-alikes) padded out with ordinary career questions."""
    rng = random.Random(seed)
    corpus = [sample.text for sample in load_corpus()]
    texts = corpus + [career_question(rng) for _ in range(max(0, count - len(corpus)))]
    rng.shuffle(texts)
    return texts[:count]


@dataclass(frozen=True)
class Timing:
    texts: int
    cpu_seconds: float
    p50_ms: float  # CPU time per text: what screening costs, whatever else the machine runs
    p95_ms: float
    wall_p95_ms: float  # wall-clock per text: includes waiting for a core on a shared machine

    @property
    def per_cpu_second(self) -> float:
        return self.texts / self.cpu_seconds if self.cpu_seconds else float("inf")

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.texts} texts, {self.per_cpu_second:,.0f} screenings per CPU second, "
            f"CPU per text p50 {self.p50_ms:.3f} ms, p95 {self.p95_ms:.3f} ms (wall-clock p95 {self.wall_p95_ms:.3f} ms)"
        )


def _p95(durations: list[float]) -> float:
    return statistics.quantiles(durations, n=100)[94] if len(durations) > 1 else durations[0]


def time_each(texts: Iterable[str], screen_one: Callable[[str], object]) -> Timing:
    """CPU time for the whole run, and per text its CPU time (this thread's) and wall-clock time.

    The machine may be shared: wall-clock time then includes waiting for a core, which says
    nothing about screening, so the percentiles are of CPU time and the wall-clock p95 is shown
    beside them.
    """
    cpu_each, wall_each = [], []
    started_cpu = time.process_time()
    for text in texts:
        started, started_thread = time.perf_counter(), time.thread_time()
        screen_one(text)
        cpu_each.append((time.thread_time() - started_thread) * 1000)
        wall_each.append((time.perf_counter() - started) * 1000)
    cpu = time.process_time() - started_cpu
    return Timing(len(cpu_each), cpu, statistics.median(cpu_each), _p95(cpu_each), _p95(wall_each))
