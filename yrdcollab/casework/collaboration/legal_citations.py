"""The kinds of citation a step deadline carries and the four regions they are keyed by (the data is
legal_basis_table.py, the lookup legal_bases.py)."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# GB/T 2260 province prefixes of the four regions, in the order pages list them.
PROVINCES = {"31": _("上海市"), "32": _("江苏省"), "33": _("浙江省"), "34": _("安徽省")}

AGREED_DEFAULT_TITLE = "平台《长三角城管执法协作规程》"
AGREED_DEFAULT_MARK = "约定默认值（非法定期限，可按事项调整）"


class BasisKind(StrEnum):
    STATUTE = "statute"  # a law or regulation binding the acting agency
    AGREED_DEFAULT = "agreed_default"  # the period the four regions agreed on the platform, not law


@dataclass(frozen=True)
class Citation:
    kind: BasisKind
    title: str  # 《上海市城市管理行政执法条例》
    article: str  # 第二十九条第二款 ("" for an agreed default)
    gist: str  # the quoted words (a statute) or the agreed period (a default)
    source: str  # where the text is published

    @property
    def text(self) -> str:
        if self.kind == BasisKind.AGREED_DEFAULT:
            return f"{self.title}{AGREED_DEFAULT_MARK}：{self.gist}"
        return f"{self.title}{self.article}：{self.gist}"
