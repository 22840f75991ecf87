"""The small, safe language of an indicator's formula: base-measure names (measures.py), numbers,
+ − × ÷ and parentheses — nothing else (Python's `ast`, never eval). Checked when a version is saved:
an unknown name is 422 `unknown_measure`; a denominator that is zero whatever the data (`x / 0`,
`x / (a - a)`, `x / (0 * a)`) is 422 `empty_denominator`. When computed, a denominator that is zero
for the data gives None (shown as "—"), never a made-up 100 %."""

import ast
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput

FORMULA_MAX = 300
_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CONST = "1"  # the key of a linear form's constant term


@dataclass(frozen=True)
class Parsed:
    tree: ast.expr
    names: tuple[str, ...]  # the measures it reads, in order of first appearance

    @property
    def is_ratio(self) -> bool:
        return isinstance(self.tree, ast.BinOp) and isinstance(self.tree.op, ast.Div)


def _invalid(message: str, code: str = "invalid_formula", **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": "formula", **details})


def _check(node: ast.AST, known: set[str], names: list[str]) -> None:
    if isinstance(node, ast.BinOp) and isinstance(node.op, _OPS):
        _check(node.left, known, names)
        _check(node.right, known, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check(node.operand, known, names)
    elif isinstance(node, ast.Name):
        if node.id not in known:
            raise _invalid(
                _("公式引用了不存在的基础指标“%(name)s”。") % {"name": node.id}, "unknown_measure", name=node.id
            )
        if node.id not in names:
            names.append(node.id)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        pass
    else:
        raise _invalid(_("公式只能包含基础指标名称、数字、加减乘除和括号。"))


def _linear(node: ast.AST) -> dict[str, float] | None:
    """The formula as a linear form {measure: coefficient, "1": constant}, or None when it is not
    linear (a product or quotient of measures) — then it is not zero by its structure."""
    if isinstance(node, ast.Constant):
        return {_CONST: float(node.value)}  # type: ignore[arg-type]
    if isinstance(node, ast.Name):
        return {node.id: 1.0}
    if isinstance(node, ast.UnaryOp):
        inner = _linear(node.operand)
        return None if inner is None else {k: -v for k, v in inner.items()}
    assert isinstance(node, ast.BinOp)
    left, right = _linear(node.left), _linear(node.right)
    if left is None or right is None:
        return None
    if isinstance(node.op, ast.Add | ast.Sub):
        sign = 1.0 if isinstance(node.op, ast.Add) else -1.0
        out = dict(left)
        for key, value in right.items():
            out[key] = out.get(key, 0.0) + sign * value
        return out
    if isinstance(node.op, ast.Mult):
        if set(left) <= {_CONST}:
            return {k: v * left.get(_CONST, 0.0) for k, v in right.items()}
        if set(right) <= {_CONST}:
            return {k: v * right.get(_CONST, 0.0) for k, v in left.items()}
        return None
    # Division: only by a non-zero constant stays linear.
    if set(right) <= {_CONST} and right.get(_CONST, 0.0):
        return {k: v / right[_CONST] for k, v in left.items()}
    return None


def _is_zero(form: dict[str, float] | None) -> bool:
    return form is not None and all(abs(v) < 1e-12 for v in form.values())


def _check_denominators(node: ast.AST) -> None:
    for child in ast.walk(node):
        if isinstance(child, ast.BinOp) and isinstance(child.op, ast.Div) and _is_zero(_linear(child.right)):
            raise _invalid(
                _("公式的分母“%(d)s”恒为零（空集），无法计算。") % {"d": ast.unparse(child.right)},
                "empty_denominator",
            )


def parse(text: str, known: set[str]) -> Parsed:
    """The checked formula; InvalidInput (422) with code invalid_formula, unknown_measure or
    empty_denominator."""
    source = (text or "").strip()
    if not source:
        raise _invalid(_("请填写公式。"))
    if len(source) > FORMULA_MAX:
        raise _invalid(_("公式不能超过 %(n)d 个字符。") % {"n": FORMULA_MAX})
    source = source.replace("×", "*").replace("÷", "/").replace("−", "-").replace("（", "(").replace("）", ")")
    try:
        tree = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError):
        raise _invalid(_("公式无法解析，请检查括号和运算符。")) from None
    names: list[str] = []
    _check(tree, known, names)
    _check_denominators(tree)
    return Parsed(tree=tree, names=tuple(names))


def evaluate(node: ast.AST, values: Mapping[str, float]) -> float | None:
    """The value for these measure values; None when a denominator is zero (or an operand is None)."""
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]
    if isinstance(node, ast.Name):
        value = values.get(node.id)
        return None if value is None else float(value)
    if isinstance(node, ast.UnaryOp):
        inner = evaluate(node.operand, values)
        return None if inner is None else -inner
    assert isinstance(node, ast.BinOp)
    left, right = evaluate(node.left, values), evaluate(node.right, values)
    if left is None or right is None:
        return None
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    return None if right == 0 else left / right


@dataclass(frozen=True)
class Outcome:
    value: float | None
    numerator: float | None  # of a top-level quotient; else the value itself
    denominator: float | None  # of a top-level quotient; else None


def compute(parsed: Parsed, values: Mapping[str, float]) -> Outcome:
    if parsed.is_ratio:
        assert isinstance(parsed.tree, ast.BinOp)
        numerator, denominator = evaluate(parsed.tree.left, values), evaluate(parsed.tree.right, values)
        value = None if numerator is None or not denominator else numerator / denominator
        return Outcome(value, numerator, denominator)
    value = evaluate(parsed.tree, values)
    return Outcome(value, value, None)
