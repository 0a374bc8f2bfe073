"""Mutation operators over the AST of one module, and how to apply a mutant in memory.

A mutant is one small change to one function (or one module-level assignment):
a comparison or boolean flipped, a ``not`` dropped, a condition negated, a
constant changed, a returned value replaced by ``None``, an early ``return``,
``continue``, ``raise`` or call statement deleted, an enum member swapped for
another of its kind. Each mutant has a stable key (file, function, operator,
the snippet before and after, and an occurrence number) that survives line
moves, so reviewed equivalent mutants stay excluded when code around them
changes.
"""

from __future__ import annotations

import ast
import copy
import enum
import inspect
from dataclasses import dataclass

# Calls whose string arguments are messages for people: changing them is not a rule change.
TRANSLATION_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "format_html"}
COMPARE_SWAPS = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
BINOP_SWAPS = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.Mod: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
}


@dataclass(frozen=True)
class Mutant:
    file: str  # relative to the project root
    scope: str  # the function's qualified name, or "<module>" for a module-level assignment
    operator: str
    before: str
    after: str
    occurrence: int  # the n-th identical (scope, operator, before, after) in the file
    line: int
    node_index: int  # DFS index of the node inside the scope's AST

    @property
    def key(self) -> str:
        return f"{self.file}::{self.scope}::{self.operator}::{self.before} -> {self.after}::{self.occurrence}"

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "file": self.file,
            "scope": self.scope,
            "operator": self.operator,
            "before": self.before,
            "after": self.after,
            "line": self.line,
        }


def _short(node) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 90 else text[:87] + "..."


def _dfs(node):
    """Nodes in the order NodeTransformer visits them (pre-order, fields in order)."""
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _dfs(child)


def _is_docstring(node, parents) -> bool:
    parent = parents.get(node)
    if not isinstance(parent, ast.Expr):
        return False
    owner = parents.get(parent)
    return isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) and owner.body[0] is parent


def _inside_translation(node, parents) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in TRANSLATION_CALLS:
                return True
        if isinstance(node, ast.JoinedStr):
            return True
    return False


def _negate(test):
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return None  # "not" removal covers it
    return ast.UnaryOp(op=ast.Not(), operand=test)


def _other_enum_member(node, namespace):
    """For ``Mode.WALL`` where Mode is an enum class in the module's namespace: another member."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
        return None
    cls = namespace.get(node.value.id)
    if not (inspect.isclass(cls) and issubclass(cls, enum.Enum)):
        return None
    names = list(cls.__members__)
    if node.attr not in names or len(names) < 2:
        return None
    other = names[(names.index(node.attr) + 1) % len(names)]
    return ast.Attribute(value=ast.Name(id=node.value.id, ctx=ast.Load()), attr=other, ctx=node.ctx)


def _statement_list_owner(node, parents):
    parent = parents.get(node)
    for field in ("body", "orelse", "finalbody"):
        if parent is not None and node in getattr(parent, field, []):
            return parent, field
    return None, None


def mutations_of(node, parents, namespace, *, scope_root):
    """(operator, replacement) pairs for one node; a replacement of None deletes a statement."""
    out = []
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            swap = COMPARE_SWAPS.get(type(op))
            if swap:
                new = copy.deepcopy(node)
                new.ops[position] = swap()
                out.append(("compare", new))
    elif isinstance(node, ast.BoolOp):
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        out.append(("boolean", new))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        out.append(("not_removed", copy.deepcopy(node.operand)))
    elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAPS:
        new = copy.deepcopy(node)
        new.op = BINOP_SWAPS[type(node.op)]()
        out.append(("arithmetic", new))
    elif isinstance(node, ast.Constant) and not _is_docstring(node, parents) and not _inside_translation(node, parents):
        value = node.value
        if isinstance(value, bool):
            out.append(("constant", ast.Constant(value=not value)))
        elif isinstance(value, int):
            out.append(("constant", ast.Constant(value=value + 1)))
            if value != 0:
                out.append(("constant", ast.Constant(value=0)))
        elif isinstance(value, str) and value:
            out.append(("constant", ast.Constant(value=f"XX{value}XX")))
        elif isinstance(value, str):
            out.append(("constant", ast.Constant(value="XX")))
    elif isinstance(node, ast.Attribute):
        other = _other_enum_member(node, namespace)
        if other is not None:
            out.append(("enum_member", other))

    if isinstance(node, (ast.If, ast.IfExp, ast.While)):
        negated = _negate(node.test)
        if negated is not None:
            new = copy.deepcopy(node)
            new.test = negated
            out.append(("condition_negated", new))
    if isinstance(node, ast.Return) and node.value is not None and not (
        isinstance(node.value, ast.Constant) and node.value.value is None
    ):
        new = copy.deepcopy(node)
        new.value = ast.Constant(value=None)
        out.append(("return_none", new))
    if isinstance(node, (ast.Return, ast.Continue, ast.Break)):
        owner, _field = _statement_list_owner(node, parents)
        if owner is not None and owner is not scope_root:
            out.append(("early_exit_removed", None))
    if isinstance(node, ast.Raise):
        out.append(("raise_removed", None))
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        out.append(("call_removed", None))
    return out


def _parents(root) -> dict:
    parents = {}
    for node in _dfs(root):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


@dataclass
class Scope:
    qualname: str
    node: ast.AST  # FunctionDef, or a module-level Assign/AnnAssign


def scopes_of(tree: ast.Module, wanted=None):
    """Functions (top level and methods), and module-level assignments."""
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield Scope(statement.name, statement)
        elif isinstance(statement, ast.ClassDef):
            for item in statement.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield Scope(f"{statement.name}.{item.name}", item)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            yield Scope("<module>:" + ",".join(ast.unparse(t) for t in targets), statement)


def _scope_wanted(qualname: str, wanted) -> bool:
    if wanted is None:
        return True
    if qualname.startswith("<module>"):
        return "<module>" in wanted or qualname in wanted
    return qualname in wanted or qualname.split(".")[0] in wanted


def mutants_of(relpath: str, source: str, namespace: dict, wanted=None) -> list[Mutant]:
    tree = ast.parse(source)
    found: list[Mutant] = []
    seen: dict[tuple, int] = {}
    for scope in scopes_of(tree):
        if not _scope_wanted(scope.qualname, wanted):
            continue
        root = scope.node
        parents = _parents(root)
        for index, node in enumerate(_dfs(root)):
            if node is root and isinstance(root, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if isinstance(node, (ast.arguments, ast.arg)) or _in_decorator_or_annotation(node, parents, root):
                continue
            for operator, replacement in mutations_of(node, parents, namespace, scope_root=root):
                before = _short(node)
                after = "<deleted>" if replacement is None else _short(replacement)
                if before == after:
                    continue
                ident = (scope.qualname, operator, before, after)
                seen[ident] = seen.get(ident, 0) + 1
                found.append(
                    Mutant(relpath, scope.qualname, operator, before, after, seen[ident], getattr(node, "lineno", root.lineno), index)
                )
    return found


def _in_decorator_or_annotation(node, parents, root) -> bool:
    while node in parents and node is not root:
        parent = parents[node]
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            node in parent.decorator_list or node is parent.returns
        ):
            return True
        if isinstance(parent, ast.arg) or isinstance(parent, ast.AnnAssign) and node is parent.annotation:
            return True
        node = parent
    return False


def mutated_scope(source: str, mutant: Mutant, namespace: dict) -> ast.AST:
    """The scope's AST with the mutant applied (a fresh tree)."""
    tree = ast.parse(source)
    for scope in scopes_of(tree):
        if scope.qualname != mutant.scope:
            continue
        root = scope.node
        nodes = list(_dfs(root))
        if mutant.node_index >= len(nodes):
            continue
        node = nodes[mutant.node_index]
        parents = _parents(root)
        for operator, replacement in mutations_of(node, parents, namespace, scope_root=root):
            after = "<deleted>" if replacement is None else _short(replacement)
            if operator == mutant.operator and after == mutant.after and _short(node) == mutant.before:
                return _swap(root, node, replacement, parents)
    raise LookupError(mutant.key)


def _swap(root, node, replacement, parents):
    parent = parents[node]
    for field, value in ast.iter_fields(parent):
        if isinstance(value, list) and node in value:
            position = value.index(node)
            if replacement is None:
                del value[position]
                if not value and field in ("body", "orelse", "finalbody"):
                    if field == "body":
                        value.append(ast.Pass())
            else:
                value[position] = replacement
            break
        if value is node:
            setattr(parent, field, replacement)
            break
    ast.fix_missing_locations(root)
    return root
