"""The legal basis a step deadline cites, per province of the agency acting on the step (issue #15).

The day counts are the platform's defaults for everyone; what binds the acting agency differs: a
Shanghai organ cites 《上海市城市管理行政执法条例》, a Zhejiang one 《浙江省综合行政执法条例》 art. 29 ¶2
(it takes part in YRD collaboration under the collaboration agreements) with the agreed default, a
Jiangsu or Anhui one the 行政处罚法 with the agreed default (no provincial text was verified for them).
The table itself is data: legal_basis_table.py, every quotation checked against the texts in the
research folder (docs/domain/clue-transfer.md, "Legal basis per region")."""

from dataclasses import dataclass

from .legal_basis_table import TABLE
from .legal_citations import PROVINCES, BasisKind, Citation


@dataclass(frozen=True)
class RegionalBasis:
    workflow: str
    step: str
    province: str  # "31" … "34"
    citations: tuple[Citation, ...]

    @property
    def province_label(self) -> str:
        return str(PROVINCES[self.province])

    @property
    def text(self) -> str:
        """One line, as pages, letters and the stored request show it (≤ 300 characters, tested)."""
        return "；".join(citation.text for citation in self.citations)

    @property
    def is_statutory_period(self) -> bool:
        """The period itself comes from a statute (not only the agreed default)."""
        return all(citation.kind == BasisKind.STATUTE for citation in self.citations)


def province_of(agency) -> str:
    """ "31" … "34" for an agency of the four regions, "" otherwise (its division code is its key)."""
    code = str(getattr(agency, "division_id", "") or "")[:2]
    return code if code in PROVINCES else ""


def regional_basis(workflow: str, step: str, province: str) -> RegionalBasis | None:
    citations = TABLE.get((workflow, step), {}).get(province)
    return RegionalBasis(workflow, step, province, citations) if citations else None


def regional_bases(workflow: str, step: str) -> list[RegionalBasis]:
    """The four regions' bases of a step, in PROVINCES order (those the table has)."""
    return [basis for province in PROVINCES if (basis := regional_basis(workflow, step, province))]


def legal_basis_for_agency(workflow: str, step: str, agency) -> RegionalBasis | None:
    return regional_basis(workflow, step, province_of(agency)) if agency is not None else None
