"""行政处罚信息公示 (行政处罚法第四十八条): organisations' penalty information under publicity, searchable
without login. Individuals never appear. A name is shown, and found by a name search, only when it
comes from the register or a reviewed change (ADR 0021); any other subject is found by its full USCC
only and shown as its masked code with 名称待核验."""

from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.tenancy import unscoped
from yrdcollab.core.validation import invalid
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.parties.identifiers import validate_uscc
from yrdcollab.platform.parties.models import Party, PartyKind
from yrdcollab.platform.parties.states import VERIFIED_SOURCES

from ..conf import SETTINGS
from ..models import CreditRecord
from ..states import RecordStatus
from .query import mask_uscc
from .subjects import published_records, with_province

PUBLIC_QUERY_MIN, PUBLIC_QUERY_MAX = 2, 64
PUBLIC_RESULT_LIMIT = 20  # the page says "the first 20"


@dataclass
class PublicSubject:
    party: Party
    records: list[CreditRecord]

    @property
    def name(self) -> str:
        """The name the page may show: a register or reviewed one, else "" (名称待核验)."""
        return self.party.name if self.party.name_verified else ""

    @property
    def uscc(self) -> str:
        """The full code beside a verified name; masked beside none (an officer may have mistyped it)."""
        return self.party.uscc if self.party.name_verified else mask_uscc(self.party.uscc)


@unscoped("行政处罚法第四十八条 public disclosure: organisations' records under publicity, without login")
def public_penalty_search(*, q: str, client: str) -> tuple[list[PublicSubject], bool]:
    """Organisations (个体工商户 included: business entities with a USCC) with penalty information
    under publicity, by a full USCC or a name fragment. Individuals never appear. Returns the
    subjects (at most PUBLIC_RESULT_LIMIT) and whether more matched."""
    q = (q or "").strip()
    if len(q) < PUBLIC_QUERY_MIN or len(q) > PUBLIC_QUERY_MAX or not q.isprintable():
        raise invalid(
            "q",
            _("请输入%(a)d至%(b)d个字的企业名称或18位统一社会信用代码。")
            % {"a": PUBLIC_QUERY_MIN, "b": PUBLIC_QUERY_MAX},
            "query_length",
        )
    limit, window = SETTINGS.YRD_CREDIT_PUBLIC_RATE
    ratelimit.enforce("credit_public", client, limit=limit, window=window)
    today = timezone.localdate()
    as_uscc = validate_uscc(q)
    # A name an officer typed is neither shown nor searchable: searching it must not reveal whom it names.
    match = (
        models.Q(uscc=as_uscc.value) if as_uscc.ok else models.Q(name__icontains=q, name_source__in=VERIFIED_SOURCES)
    )
    under_publicity = CreditRecord.objects.filter(
        subject=models.OuterRef("pk"),
        status=RecordStatus.PUBLISHED,
        publicity_ends_on__gt=today,
        publicity_starts_on__lte=today,
    )
    parties = list(
        Party.objects.filter(match, kind=PartyKind.ORGANISATION)
        .filter(models.Exists(under_publicity))
        .order_by("name", "id")[: PUBLIC_RESULT_LIMIT + 1]
    )
    more = len(parties) > PUBLIC_RESULT_LIMIT
    parties = parties[:PUBLIC_RESULT_LIMIT]
    by_subject: dict[int, PublicSubject] = {p.pk: PublicSubject(party=p, records=[]) for p in parties}
    for record in published_records(list(by_subject), today=today):
        by_subject[record.subject_id].records.append(with_province(record))
    return list(by_subject.values()), more
