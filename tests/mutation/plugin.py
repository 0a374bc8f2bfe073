"""pytest plugin behind tests/mutation/run.py; not loaded in ordinary runs.

``--mutation-trace=DIR``: run the tests as usual and record, per test, which
functions of the mutated modules it executed, and how long it took.

``--mutation-run=SPEC``: instead of the usual run, apply each mutant in the
spec in memory (the function's code object is swapped, or a module-level
value replaced), run the tests that execute it, fastest first, stop at the
first failure, restore the original, and write the results. The Django test
database is set up once per process, which is what makes this fast enough for CI.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.mutation.run import target_files

ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser):
    group = parser.getgroup("mutation")
    group.addoption("--mutation-trace", default=None, help="directory to write per-test coverage of mutated modules to")
    group.addoption("--mutation-run", default=None, help="JSON spec of mutants to run")


def pytest_configure(config):
    if config.getoption("--mutation-trace"):
        config.pluginmanager.register(Tracer(config), "mutation-tracer")
    if config.getoption("--mutation-run"):
        config.pluginmanager.register(MutantRunner(config), "mutation-runner")


class Tracer:
    """Per-test line coverage of the mutated files (coverage.py's C tracer: cheap enough for CI),
    turned into the functions each test executes."""

    def __init__(self, config):
        import coverage

        self.out_dir = Path(config.getoption("--mutation-trace"))
        self.files = json.loads(os.environ.get("MUTATION_TARGET_FILES", "[]"))
        self.tests: dict[str, dict] = {}
        self.coverage = coverage.Coverage(
            data_file=None, include=[str(ROOT / f) for f in self.files], branch=False, config_file=False
        )
        self.coverage.start()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.coverage.switch_context(item.nodeid)
        started = time.perf_counter()
        try:
            yield
        finally:
            entry = self.tests.setdefault(item.nodeid, {"passed": True})
            entry["duration"] = time.perf_counter() - started
            self.coverage.switch_context("")

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.tests.setdefault(report.nodeid, {})["passed"] = False

    def pytest_sessionfinish(self, session):
        self.coverage.stop()
        data = self.coverage.get_data()
        scopes = {}
        for file in self.files:
            scopes[file] = _line_scopes((ROOT / file).read_text())
        for measured in data.measured_files():
            file = str(Path(measured).resolve().relative_to(ROOT))
            lines = scopes.get(file, {})
            for line, contexts in data.contexts_by_lineno(measured).items():
                scope = lines.get(line)
                if scope is None:
                    continue
                for context in contexts:
                    if context in self.tests:
                        self.tests[context].setdefault("scopes_set", set()).add(f"{file}::{scope}")
                        self.tests[context].setdefault("lines_set", set()).add(f"{file}:{line}")
        for entry in self.tests.values():
            entry["scopes"] = sorted(entry.pop("scopes_set", ()))
            # The lines run, too: a mutant is judged first by the tests that reach its line.
            entry["lines"] = sorted(entry.pop("lines_set", ()))
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.out_dir.mkdir(parents=True, exist_ok=True)
        (self.out_dir / f"trace-{worker}.json").write_text(json.dumps(self.tests))


def _line_scopes(source: str) -> dict[int, str]:
    """Line -> the function it belongs to (body lines only; a def line runs at import)."""
    from tests.mutation.operators import scopes_of

    lines = {}
    for scope in scopes_of(ast.parse(source)):
        node = scope.node
        if scope.qualname.startswith("<module>"):
            continue
        for statement in node.body:
            for line in range(statement.lineno, (statement.end_lineno or statement.lineno) + 1):
                lines[line] = scope.qualname
    return lines


class MutantTimeout(BaseException):
    """A mutant that makes a test run far longer than it should (an endless loop)."""


def _on_alarm(signum, frame):
    raise MutantTimeout()


def _dotted(relpath: str) -> str:
    return relpath[: -len(".py")].replace("/", ".").removesuffix(".__init__")


def _function_object(module, qualname: str):
    owner, _, name = qualname.rpartition(".")
    if owner:
        attr = getattr(module, owner).__dict__[name]
        if isinstance(attr, property):
            attr = attr.fget
        elif isinstance(attr, functools.cached_property):
            # Its value is kept per instance: _forget_memos builds the instances again.
            attr = attr.func
        elif isinstance(attr, (staticmethod, classmethod)):
            attr = attr.__func__
    else:
        attr = getattr(module, name)
    return inspect.unwrap(attr)


class Applied:
    """A mutant applied in memory; ``restore`` puts the original back."""

    def __init__(self, mutant: dict):
        from tests.mutation.operators import Mutant, mutated_scope

        fields = {k: mutant[k] for k in ("file", "scope", "operator", "before", "after", "occurrence", "line", "node_index")}
        self.mutant = Mutant(**fields)
        self.module = importlib.import_module(_dotted(self.mutant.file))
        source = (ROOT / self.mutant.file).read_text()
        namespace = vars(self.module)
        tree = mutated_scope(source, self.mutant, namespace)
        self._undo = []
        # A result memoised before the mutant was applied (a compiled rule pack, a folded letter)
        # would hide it: the mutant must be what computes every answer while it is applied.
        _forget_all_memos(self.module)
        if self.mutant.scope.startswith("<module>"):
            self._apply_module_level(tree, namespace)
        else:
            self._apply_function(tree, namespace)

    def _apply_function(self, tree, namespace):
        tree.decorator_list = []
        owner = self.mutant.scope.rpartition(".")[0]
        body = tree
        if owner:
            # Inside a class of the same name, so that super() and its __class__ cell compile the same.
            body = ast.ClassDef(name=owner, bases=[], keywords=[], body=[tree], decorator_list=[], type_params=[])
        code = compile(ast.fix_missing_locations(ast.Module(body=[body], type_ignores=[])), str(ROOT / self.mutant.file), "exec")
        scratch = dict(namespace)
        exec(code, scratch)  # noqa: S102 - the mutated function, compiled against the module's globals
        mutated = scratch[owner].__dict__[tree.name] if owner else scratch[tree.name]
        target = _function_object(self.module, self.mutant.scope)
        # Every reference to the function now runs the mutant. Default values live on the function,
        # not in its code: swap them too, or a mutated default is never seen and always "survives".
        swapped = ("__code__", "__defaults__", "__kwdefaults__")
        original = {name: getattr(target, name) for name in swapped}
        for name in swapped:
            setattr(target, name, getattr(mutated, name))
        self._undo.append(lambda: [setattr(target, name, value) for name, value in original.items()])

    def _apply_module_level(self, tree, namespace):
        targets = tree.targets if isinstance(tree, ast.Assign) else [tree.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        saved = {name: namespace[name] for name in names}
        code = compile(ast.Module(body=[tree], type_ignores=[]), str(ROOT / self.mutant.file), "exec")
        exec(code, namespace)  # noqa: S102
        # Later module-level values built from the mutated one at import (a regex assembled from
        # pieces) are built again from the mutant, and put back afterwards.
        changed = set(names)
        for statement in ast.parse((ROOT / self.mutant.file).read_text()).body:
            if not isinstance(statement, ast.Assign) or statement.lineno <= tree.lineno:
                continue
            used = {n.id for n in ast.walk(statement.value) if isinstance(n, ast.Name)}
            dependent = [t.id for t in statement.targets if isinstance(t, ast.Name)]
            if used & changed and dependent:
                for name in dependent:
                    saved.setdefault(name, namespace[name])
                exec(compile(ast.Module(body=[statement], type_ignores=[]), str(ROOT / self.mutant.file), "exec"), namespace)  # noqa: S102
                changed.update(dependent)
        for name, old in saved.items():
            new = namespace[name]
            if isinstance(old, dict) and isinstance(new, dict):
                # Others imported the dict itself: change it in place.
                original = dict(old)
                old.clear()
                old.update(new)
                namespace[name] = old
                self._undo.append(lambda old=old, original=original: (old.clear(), old.update(original)))
            else:
                self._undo.append(lambda name=name, old=old: namespace.__setitem__(name, old))

    def restore(self):
        for undo in reversed(self._undo):
            undo()
        # ...and nothing the mutant computed may outlive it.
        _forget_all_memos(self.module)


# Module-level dictionaries used as memos (not lru_cache, so not found by ``cache_clear``).
MEMO_DICTS = {
    "moderation.detection.text": ("_FOLDED",),
    "moderation.detection.crisis": ("_INTERNED",),
}


@functools.cache
def _rule_modules() -> frozenset[str]:
    return frozenset(_dotted(file) for file in target_files())


def _forget_all_memos(mutated) -> None:
    """Forget the memos of the mutated module and of every other rule module loaded: a result
    computed from the mutant may be memoised elsewhere (rules.py keeps watched words compiled with
    text.py's helpers), and it would outlive the mutant."""
    for name in {*_rule_modules(), mutated.__name__}:
        module = sys.modules.get(name)
        if module is not None:
            _forget_memos(module)


def _forget_memos(module) -> None:
    """Empty every ``functools`` cache of the module's functions and methods, and its memo dicts."""
    for value in list(vars(module).values()):
        if getattr(value, "__module__", None) != module.__name__:
            continue
        members = vars(value).values() if isinstance(value, type) else (value,)
        for member in members:
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            clear = getattr(member, "cache_clear", None)
            if callable(clear):
                clear()
    for name in MEMO_DICTS.get(module.__name__, ()):
        getattr(module, name).clear()


class MutantRunner:
    def __init__(self, config):
        self.spec = json.loads(Path(config.getoption("--mutation-run")).read_text())

    verified: dict

    def _passes_unmutated(self, run, item, budget: float = 600.0) -> bool:
        """Does this test pass without any mutant, run again in this process? Asked once per test."""
        if item.nodeid not in self.verified:
            self.verified[item.nodeid] = run(item, budget)
        return self.verified[item.nodeid]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        self.verified = {}
        from _pytest.runner import runtestprotocol

        items = {item.nodeid: item for item in session.items}
        results = []
        signal.signal(signal.SIGALRM, _on_alarm)
        out = Path(self.spec["out"])

        def run(item, budget: float) -> bool:
            session._setupstate.teardown_exact(item)
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                # Tear down the test's own fixtures (its database transaction, its client) but keep the
                # module's and the session's: the next run of the same test then starts clean.
                reports = runtestprotocol(item, nextitem=item.parent, log=False)
            except MutantTimeout:
                return False
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            return not any(report.failed for report in reports)

        # Set up the session's fixtures (the test database) once, unmutated and without a time limit:
        # a mutant's time limit must never fall on the migrations.
        warm = next((i for i in session.items if i.get_closest_marker("django_db")), None)
        if warm is not None:
            self._passes_unmutated(run, warm, budget=3600.0)

        # A mutant that loops while allocating must fail its test with MemoryError, not take the
        # machine's memory (the kernel would kill this process, or another one).
        limit = int(os.environ.get("MUTATION_MEMORY_LIMIT_MB", "4096")) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        current = Path(self.spec["current"]) if "current" in self.spec else None
        for mutant in self.spec["mutants"]:
            if current is not None:
                # Which mutant this process is judging, should it die under it (see run_shards).
                current.write_text(mutant["key"])
            started = time.perf_counter()
            result = {"key": mutant["key"], "status": "survived", "killed_by": None, "tests_run": 0}
            try:
                applied = Applied(mutant)
            except Exception as error:  # a mutant that cannot be built is not counted either way
                result.update(status="error", detail=f"{type(error).__name__}: {error}")
                results.append(result)
                continue
            try:
                for nodeid, baseline in mutant["tests"]:
                    item = items.get(nodeid)
                    if item is None:
                        continue
                    result["tests_run"] += 1
                    budget = max(self.spec["min_timeout"], baseline * self.spec["timeout_factor"])
                    try:
                        passed = run(item, budget)
                    except MutantTimeout:
                        passed = False
                    if not passed:
                        result.update(status="killed", killed_by=nodeid)
                        break
            finally:
                applied.restore()
            if result["status"] == "killed" and not self._passes_unmutated(run, items[result["killed_by"]]):
                # The test fails without the mutant too when run again in this process: its
                # failure says nothing about the mutant, so it may not count as a kill.
                result.update(status="error", detail=f"{result['killed_by']} fails unmutated when repeated")
            result["seconds"] = round(time.perf_counter() - started, 3)
            results.append(result)
            out.write_text(json.dumps(results))
        session._setupstate.teardown_exact(None)
        out.write_text(json.dumps(results))
        return True
