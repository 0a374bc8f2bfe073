"""Mutation testing of the rules: are there tests that fail when a rule breaks?

    .venv/bin/python -m tests.mutation.run [--module PATH ...] [--jobs 2] [--json report.json]

1. Runs the tests mapped to the mutated modules once, recording which functions each test
   executes and how long it takes (they must all pass).
2. Makes every mutant of the modules below (tests/mutation/operators.py says which changes),
   leaves out the reviewed equivalent ones (tests/mutation/equivalent.toml), and runs each in
   memory against only the tests that execute the mutated function, fastest first, stopping at
   the first failure, in ``--jobs`` processes.
3. Prints the score per module and every surviving mutant; exits 1 when fewer than
   ``--threshold`` percent (default 90) are killed overall.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

# Module -> the functions mutated there (None: all of them, and its module-level values).
MODULES: dict[str, list[str] | None] = {
    "community/policy.py": None,
    "community/tiers.py": None,
    "moderation/screening.py": None,
    "moderation/sanitiser.py": None,
    "moderation/detection/": None,
    # The visibility parts of the selectors: which threads, posts and revisions a user gets.
    "community/selectors/threads.py": [
        "threads_for_user",
        "thread_for_user",
        "post_for_user",
        "wall_threads",
        "similar_questions",
        "visible_posts",
        "_post_views",
        "thread_page",
        "_visible_revisions",
        "summary_view",
        "summary_revisions_for_user",
        "summary_history_for_user",
        "summary_diff",
        "post_revisions",
    ],
    "community/selectors/conversations.py": [
        "_conversations",
        "member_conversations",
        "team_inbox",
        "conversation_page",
        "policy_allows_write",
    ],
}

# Files under a mutated folder that are tools, not rules: the crisis corpus's evaluation and the
# screening benchmark (management commands for people tuning the packs; no member is judged by them).
NOT_RULES = {"moderation/detection/crisis_benchmark.py", "moderation/detection/crisis_evaluation.py"}

# Per module, the fast tests that state its rules. Each module is traced and judged against its own
# subset only (never the whole suite): that is what keeps the job within CI's ten minutes on two cores.
MODULE_TESTS: dict[str, list[str]] = {
    "community/tiers.py": [
        "tests/test_tiers.py",
        "tests/test_tier_enforcement.py",
    ],
    "community/policy.py": [
        "tests/test_rules_refusals.py",
        "tests/test_rules_by_role.py",
        "tests/test_tier_enforcement.py",
        "tests/test_decisions_stick.py",
        # The one sign-in rule: a suspended member's tokens, old and new, are refused.
        "tests/api/test_tokens.py",
        # Safety before levels (reaching out, moving to private, referrals) and late edits.
        "tests/test_reach_out.py",
        "tests/test_private_talk.py",
        "tests/test_referrals.py",
        "tests/test_edits_after_endorsement.py",
    ],
    "moderation/sanitiser.py": [
        "tests/test_sanitiser.py",
    ],
    "moderation/screening.py": [
        "tests/test_screening.py",
        "tests/test_decisions_stick.py",
    ],
    "moderation/detection/": [
        "tests/test_detection.py",
        "tests/test_rules_detection.py",
        "tests/test_personal_data.py",
        "tests/test_normalise.py",
        "tests/test_crisis_detection.py",
    ],
    "community/selectors/threads.py": [
        "tests/test_rules_by_role.py",
        "tests/test_wall.py",
    ],
    "community/selectors/conversations.py": [
        "tests/test_conversations.py",
        "tests/test_private_talk.py",
    ],
}


def kill_test_files() -> list[str]:
    """The tests written to kill survivors (tests/test_mutation_kills_*.py) join every module's subset."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_mutation_kills_*.py"))


def own_test_files(module: str) -> list[str]:
    """The test files that state this module's rules: its MODULE_TESTS and its own kill tests
    (``tests/test_mutation_kills_<stem>.py``, or split by part as ``..._<stem>_<part>.py``)."""
    stem = Path(module.rstrip("/")).stem
    own = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob(f"test_mutation_kills_{stem}*.py"))
    return [*MODULE_TESTS.get(module, []), *own]


def pool_for(modules) -> list[str]:
    pool = []
    for module in modules:
        for path in [*MODULE_TESTS.get(module, []), *kill_test_files()]:
            if path not in pool and (ROOT / path).exists():
                pool.append(path)
    return pool


def target_files() -> dict[str, list[str] | None]:
    files = {}
    for path, wanted in MODULES.items():
        if path.endswith("/"):
            for file in sorted((ROOT / path).glob("**/*.py")):
                if str(file.relative_to(ROOT)) not in NOT_RULES:
                    files[str(file.relative_to(ROOT))] = wanted
        elif (ROOT / path).exists():
            files[path] = wanted
    return files


def module_of(file: str) -> str:
    for path in MODULES:
        if file == path or (path.endswith("/") and file.startswith(path)):
            return path
    return file


def load_equivalents() -> dict[str, str]:
    path = HERE / "equivalent.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text())
    return {entry["key"]: entry["reason"] for entry in data.get("mutant", [])}


def generate(files) -> list:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    import importlib

    from tests.mutation.operators import mutants_of

    mutants = []
    for file, wanted in files.items():
        module = importlib.import_module(file[:-3].replace("/", ".").removesuffix(".__init__"))
        mutants.extend(mutants_of(file, (ROOT / file).read_text(), vars(module), wanted))
    return mutants


def pytest_command(*args) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.mutation.plugin", *args]


def _digest(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.encode())
        digest.update((ROOT / path).read_bytes())
    return digest.hexdigest()


def trace_cached(files, pool, work: Path, jobs: int, cache: Path | None) -> dict:
    """``trace``, reusing a cache for test files that did not change (nor did the mutated modules,
    the fixtures or the factories). For local runs; CI traces from scratch."""
    if cache is None:
        return trace(files, pool, work, jobs)
    shared = _digest([*files, "tests/conftest.py", "tests/factories.py", "tests/helpers.py"])
    stored = json.loads(cache.read_text()) if cache.exists() else {}
    if stored.get("shared") != shared:
        stored = {"shared": shared, "files": {}}
    tests, stale = {}, []
    for path in pool:
        entry = stored["files"].get(path)
        if entry and entry["digest"] == _digest([path]):
            tests.update(entry["tests"])
        else:
            stale.append(path)
    if stale:
        fresh = trace(files, stale, work, jobs)
        tests.update(fresh)
        for path in stale:
            stored["files"][path] = {
                "digest": _digest([path]),
                "tests": {k: v for k, v in fresh.items() if k.split("::")[0] == path},
            }
        cache.write_text(json.dumps(stored))
    return tests


def trace(files, pool, work: Path, jobs: int) -> dict:
    env = {**os.environ, "MUTATION_TARGET_FILES": json.dumps(list(files))}
    command = pytest_command("-n", str(jobs) if jobs > 1 else "0", f"--mutation-trace={work}", *pool)
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stdout.write(completed.stdout[-5000:])
        sys.stderr.write(completed.stderr[-5000:])
        raise SystemExit("The mapped tests must pass before mutants are judged.")
    tests = {}
    for path in work.glob("trace-*.json"):
        tests.update(json.loads(path.read_text()))
    return tests


def plan(mutants, tests, new_files=(), max_tests: int = 0, budget: float = 0.0) -> list[dict]:
    by_scope = defaultdict(list)
    by_file = defaultdict(set)
    by_line = defaultdict(set)
    for nodeid, entry in tests.items():
        for scope in entry.get("scopes", []):
            by_scope[scope].append(nodeid)
            by_file[scope.split("::")[0]].add(nodeid)
        for line in entry.get("lines", []):
            by_line[line].add(nodeid)
    planned = []
    for mutant in mutants:
        if mutant.scope.startswith("<module>"):
            # A module-level value is read by some functions of its file: the tests that ran those
            # come first, so the cap on tests per mutant never drops the one test that reads it.
            readers = {f"{mutant.file}::{q}" for q in _readers_of(mutant.file, mutant.scope)}
            covering = {n for scope in readers for n in by_scope.get(scope, ())} or by_file[mutant.file]
        else:
            covering = by_scope[f"{mutant.file}::{mutant.scope}"]
            # A mutant changes nothing on a run that never reaches its line, so the tests that reach
            # it are the ones that can kill it: with a cap on tests per mutant, those must come
            # first (a rule's fastest hundred tests may all take another branch). A line no test
            # reaches as recorded (a continuation line) falls back to the function's tests.
            reaching = by_line.get(f"{mutant.file}:{mutant.line}")
            if reaching:
                covering = reaching
        # Tests of ``new_files`` run last, so a kill by an older test is found first: one run then
        # gives the score with and without the new tests.
        ordered = sorted(
            set(covering), key=lambda nodeid: (nodeid.split("::")[0] in new_files, tests[nodeid]["duration"], nodeid)
        )
        if max_tests:
            # Bounded time per mutant: the fastest tests of each file first, round robin over files,
            # so a rule's own test file is reached even when a hundred flow tests also execute it.
            by_test_file = defaultdict(list)
            for nodeid in ordered:
                by_test_file[nodeid.split("::")[0]].append(nodeid)
            # The module's own test files (its MODULE_TESTS and its kill tests) come first: the kill
            # tests of other modules join every pool, and must not crowd out a rule's own tests.
            own = set(own_test_files(module_of(mutant.file)))
            groups = sorted(by_test_file.items(), key=lambda item: item[0] not in own)
            first = [group for path, group in groups if path in own]
            rest = [group for path, group in groups if path not in own]
            mixed = [n for group in [*_round_robin(first), *_round_robin(rest)] for n in group]
            # Beyond the cap, fast tests still join while their time stays within ``budget`` seconds:
            # a pure function's rules are stated by hundreds of millisecond cases (one per letter, one
            # per text), and the one a mutant breaks may be the hundredth.
            chosen, spent = [], 0.0
            for nodeid in mixed:
                duration = tests[nodeid]["duration"]
                if len(chosen) >= max_tests and spent + duration > budget:
                    continue
                chosen.append(nodeid)
                spent += duration
            ordered = sorted(chosen, key=lambda n: (n.split("::")[0] in new_files, mixed.index(n)))
        planned.append({**mutant.__dict__, "key": mutant.key, "tests": [[n, tests[n]["duration"]] for n in ordered]})
    return planned


def _readers_of(file: str, scope: str) -> set[str]:
    """Qualified names of the functions in ``file`` that read the name(s) a module-level scope assigns."""
    import ast

    from tests.mutation.operators import scopes_of

    names = set(scope.partition(":")[2].split(",")) - {""}
    tree = ast.parse((ROOT / file).read_text())
    # Values built at import from the mutated one (a regex assembled from pieces) count as it.
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            if {n.id for n in ast.walk(statement.value) if isinstance(n, ast.Name)} & names:
                names |= {t.id for t in statement.targets if isinstance(t, ast.Name)}
    readers = set()
    for candidate in scopes_of(tree):
        if candidate.qualname.startswith("<module>"):
            continue
        used = {n.id for n in ast.walk(candidate.node) if isinstance(n, ast.Name)}
        if used & names:
            readers.add(candidate.qualname)
    return readers


def _round_robin(groups):
    while any(groups):
        yield [group.pop(0) for group in groups if group]


def shard(planned, jobs: int) -> list[list[dict]]:
    """Spread mutants over the processes by their worst-case cost."""
    shards = [[] for _ in range(jobs)]
    loads = [0.0] * jobs
    for mutant in sorted(planned, key=lambda m: -sum(d for _n, d in m["tests"])):
        index = loads.index(min(loads))
        shards[index].append(mutant)
        loads[index] += sum(d for _n, d in mutant["tests"]) or 0.01
    return shards


def run_shards(shards, work: Path, timeout_factor: float, min_timeout: float) -> list[dict]:
    """Judge each shard in its own pytest process. A mutant that takes its process down (a loop that
    eats memory past the worker's limit, a crash in C code) is killed: no test passes under it. The
    rest of that shard is judged in a new process."""
    results = []
    pending = [(index, mutants) for index, mutants in enumerate(shards) if mutants]
    attempt = 0
    while pending:
        processes = []
        for index, mutants in pending:
            name = f"{index}-{attempt}" if attempt else str(index)
            spec, out, current = (work / f"{kind}-{name}.json" for kind in ("spec", "results", "current"))
            spec.write_text(
                json.dumps(
                    {"mutants": mutants, "out": str(out), "current": str(current),
                     "timeout_factor": timeout_factor, "min_timeout": min_timeout}
                )
            )
            files = sorted({nodeid.split("::")[0] for m in mutants for nodeid, _d in m["tests"]}) or ["tests/test_tiers.py"]
            log = open(work / f"worker-{name}.log", "w")  # noqa: SIM115 - closed after the process ends
            command = pytest_command("-n", "0", f"--mutation-run={spec}", *files)
            processes.append((index, mutants, subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), out, current, log))
        pending = []
        for index, mutants, process, out, current, log in processes:
            process.wait()
            log.close()
            done = json.loads(out.read_text()) if out.exists() else []
            results.extend(done)
            if process.returncode in (0, 5):
                continue
            judged = {r["key"] for r in done}
            culprit = current.read_text() if current.exists() else None
            if culprit is None or culprit in judged:
                raise SystemExit(f"A mutation worker exited with {process.returncode} outside any mutant; see {log.name}")
            print(f"worker exited with {process.returncode} under {culprit}: counted as killed", file=sys.stderr)
            results.append({"key": culprit, "status": "killed", "tests_run": 1,
                            "killed_by": f"(the test process died under it: exit {process.returncode})"})
            rest = [m for m in mutants if m["key"] not in judged and m["key"] != culprit]
            if rest:
                pending.append((index, rest))
        attempt += 1
    return results


def report(planned, results, equivalents, threshold: float, json_path: str | None, new_files=()) -> int:
    by_key = {r["key"]: r for r in results}
    per_module = defaultdict(lambda: {"killed": 0, "survived": 0, "equivalent": 0, "error": 0, "killed_without_new": 0})
    survivors = []
    for mutant in planned:
        module = module_of(mutant["file"])
        if mutant["key"] in equivalents:
            per_module[module]["equivalent"] += 1
            continue
        result = by_key.get(mutant["key"], {"status": "missing"})
        if result["status"] == "killed":
            per_module[module]["killed"] += 1
            if (result.get("killed_by") or "").split("::")[0] not in new_files:
                per_module[module]["killed_without_new"] += 1
        elif result["status"] == "error":
            per_module[module]["error"] += 1
        else:
            per_module[module]["survived"] += 1
            survivors.append({**{k: mutant[k] for k in ("key", "file", "scope", "line", "operator", "before", "after")},
                              "tests_run": result.get("tests_run", 0)})
    total_killed = sum(m["killed"] for m in per_module.values())
    total = total_killed + sum(m["survived"] for m in per_module.values())
    print(f"{'module':45} {'killed':>7} {'survived':>9} {'score':>7}  (equivalent, not buildable)")
    for module, counts in sorted(per_module.items()):
        judged = counts["killed"] + counts["survived"]
        score = 100.0 * counts["killed"] / judged if judged else 100.0
        print(f"{module:45} {counts['killed']:7d} {counts['survived']:9d} {score:6.1f}%  ({counts['equivalent']}, {counts['error']})")
    score = 100.0 * total_killed / total if total else 100.0
    print(f"{'overall':45} {total_killed:7d} {total - total_killed:9d} {score:6.1f}%")
    if new_files:
        print(f"\nWithout the tests in {', '.join(new_files)}:")
        for module, counts in sorted(per_module.items()):
            judged = counts["killed"] + counts["survived"]
            before = 100.0 * counts["killed_without_new"] / judged if judged else 100.0
            print(f"{module:45} {counts['killed_without_new']:7d} {judged - counts['killed_without_new']:9d} {before:6.1f}%")
        old_killed = sum(m["killed_without_new"] for m in per_module.values())
        print(f"{'overall':45} {old_killed:7d} {total - old_killed:9d} {100.0 * old_killed / total if total else 100.0:6.1f}%")
    if survivors:
        print("\nSurviving mutants (kill them with a test, or list them in tests/mutation/equivalent.toml with the reason):")
        for s in sorted(survivors, key=lambda s: (s["file"], s["line"])):
            note = "" if s["tests_run"] else "  [no test executes this]"
            print(f"  {s['file']}:{s['line']} {s['scope']} {s['operator']}: {s['before']}  ->  {s['after']}{note}")
            print(f"      key = {json.dumps(s['key'])}")
    # Only this run's files: an entry for a module not judged now is not stale.
    judged_files = {m["file"] for m in planned}
    stale = {key for key in equivalents if key.split("::")[0] in judged_files} - {m["key"] for m in planned}
    if stale:
        print(f"\n{len(stale)} entries of equivalent.toml match no mutant any more (code changed): review them.")
        for key in sorted(stale):
            print(f"  {key}")
    if json_path:
        Path(json_path).write_text(
            json.dumps({"modules": per_module, "score": score, "survivors": survivors, "results": results}, indent=2)
        )
    if score < threshold:
        print(f"\nFAIL: {score:.1f}% of mutants killed, below {threshold}%.")
        return 1
    print(f"\nOK: {score:.1f}% of mutants killed (threshold {threshold}%).")
    return 0


def in_sample(key: str, every: int) -> bool:
    """Is this mutant among the one in ``every`` judged? Chosen by its key, so a sample is the same on
    every run and machine, and a new mutant elsewhere does not reshuffle it."""
    return every <= 1 or int(hashlib.sha256(key.encode()).hexdigest(), 16) % every == 0


def resume_from(previous, to_run: list[dict]) -> tuple[list[dict], list[dict]]:
    """(results kept from an earlier run, mutants to run now).

    ``previous`` is a ``--json`` report: its survivors run again and what it killed stays killed.
    Or it is the results list a stopped run left in its work folder (``results-<n>.json``): what it
    killed stays killed, and its survivors and every mutant it never reached run now.
    """
    if isinstance(previous, list):
        kept = {r["key"]: r for r in previous if r["status"] != "survived"}
        return [kept[m["key"]] for m in to_run if m["key"] in kept], [m for m in to_run if m["key"] not in kept]
    again = {s["key"] for s in previous["survivors"]}
    judged = {r["key"]: r for r in previous.get("results", [])}
    earlier = [
        judged.get(m["key"], {"key": m["key"], "status": "killed", "killed_by": "(earlier run)"})
        for m in to_run
        if m["key"] not in again
    ]
    return earlier, [m for m in to_run if m["key"] in again]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", help="only these modules (paths as in MODULES)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--timeout-factor", type=float, default=10.0, help="a test may take this many times its normal time")
    parser.add_argument("--min-timeout", type=float, default=60.0, help="seconds a test may always take under a mutant")
    parser.add_argument("--json", help="write the report here too")
    parser.add_argument("--without", action="append", default=[], help="leave this test file out of the pool")
    parser.add_argument("--trace-cache", help="reuse per-test coverage of unchanged test files from this file")
    parser.add_argument(
        "--resume",
        help="a --json report of an earlier run on the same code: run only its survivors (after adding tests); "
        "what it killed stays killed. Or a stopped run's results-<n>.json: run what it did not kill",
    )
    parser.add_argument(
        "--new-tests", action="append", default=[], help="a test file run last, to report the score with and without it"
    )
    parser.add_argument("--max-tests", type=int, default=60, help="at most this many tests per mutant (0: all)")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="...or more, while their usual time stays within this many seconds"
    )
    parser.add_argument(
        "--sample", type=int, default=1, help="judge one mutant in N, the same ones on every run (chosen by key)"
    )
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    files = target_files()
    if args.module:
        files = {f: w for f, w in files.items() if module_of(f) in args.module or f in args.module}
    mutants = [m for m in generate(files) if in_sample(m.key, args.sample)]
    if args.list:
        for m in mutants:
            print(f"{m.file}:{m.line} {m.scope} {m.operator}: {m.before} -> {m.after}")
        print(f"{len(mutants)} mutants")
        return 0
    equivalents = {key: reason for key, reason in load_equivalents().items() if in_sample(key, args.sample)}
    modules = sorted({module_of(f) for f in files})
    pool = [path for path in pool_for(modules) if path not in args.without]
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        work = Path(tmp)
        tests = trace_cached(files, pool, work, args.jobs, Path(args.trace_cache) if args.trace_cache else None)
        traced = time.perf_counter()
        planned = plan(mutants, tests, args.new_tests, args.max_tests, args.budget)
        to_run = [m for m in planned if m["key"] not in equivalents]
        earlier = []
        if args.resume:
            earlier, to_run = resume_from(json.loads(Path(args.resume).read_text()), to_run)
        reviewed = sum(1 for m in planned if m["key"] in equivalents)
        print(f"{len(mutants)} mutants ({reviewed} reviewed as equivalent, {len(earlier)} judged in the earlier run); "
              f"{len(tests)} tests traced in {traced - started:.0f} s")
        results = earlier + run_shards(shard(to_run, args.jobs), work, args.timeout_factor, args.min_timeout)
    code = report(planned, results, equivalents, args.threshold, args.json, args.new_tests)
    print(f"Mutation run took {time.perf_counter() - started:.0f} s.")
    return code


if __name__ == "__main__":
    sys.exit(main())
